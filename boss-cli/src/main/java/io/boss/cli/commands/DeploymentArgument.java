package io.boss.cli.commands;

import io.boss.api.ResourceKind;
import io.boss.cli.resource.KindNames;

/** Parses the {@code deployment/NAME} argument of the rollout commands. */
final class DeploymentArgument {

    private DeploymentArgument() {
    }

    /**
     * Returns the deployment name.
     *
     * @throws IllegalArgumentException when the text is not {@code deployment/NAME}
     */
    static String parse(String text) {
        KindNames.TypedName typed = KindNames.parseTypedName(text);
        if (typed.kind() != ResourceKind.DEPLOYMENT) {
            throw new IllegalArgumentException("rollout works on deployments only, not " + typed.kind().plural()
                    + ": such as deployment/" + typed.name());
        }
        return typed.name();
    }
}
