package io.boss.cli.commands;

import io.boss.api.ResourceKind;
import io.boss.api.json.Serialization;
import io.boss.api.model.Deployment;
import io.boss.api.model.PodTemplateSpec;
import io.boss.api.model.ReplicaSet;
import io.boss.cli.client.ClusterApi;
import io.boss.cli.resource.CasUpdate;
import io.boss.cli.resource.ResourceNotFoundException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bossctl rollout undo deployment/NAME [--to-revision N]}: copies the pod template of an
 * earlier revision's ReplicaSet back into the Deployment, as Kubernetes does. Without
 * {@code --to-revision} it takes the revision before the newest one. The template's
 * {@code pod-template-hash} label is dropped because the controller adds it per ReplicaSet.
 */
@Command(name = "undo", description = "Roll a deployment back to an earlier revision.")
public class RolloutUndoCommand extends ApiCommand {

    @Parameters(index = "0", paramLabel = "deployment/NAME", description = "The deployment.")
    private String target;

    @Option(names = "--to-revision", paramLabel = "N", defaultValue = "0",
            description = "Revision to return to; 0 (default) is the revision before the newest.")
    private long toRevision;

    private String name;

    @Override
    protected void validateArguments() {
        try {
            name = DeploymentArgument.parse(target);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        if (toRevision < 0) {
            throw usageError("invalid --to-revision " + toRevision + ": expected 0 or a revision number");
        }
    }

    @Override
    protected int execute(ClusterApi api) {
        String namespace = connection.namespace();
        Deployment deployment = (Deployment) api.get(ResourceKind.DEPLOYMENT, namespace, name)
                .orElseThrow(() -> new ResourceNotFoundException(ResourceKind.DEPLOYMENT, name));
        ReplicaSet source = findRevision(RolloutHistoryCommand.revisions(api, deployment));
        PodTemplateSpec template = Serialization.copy(source.getSpec().getTemplate());
        template.getMetadata().getLabels().remove(RolloutCommand.TEMPLATE_HASH_LABEL);

        AtomicBoolean changed = new AtomicBoolean();
        CasUpdate.update(api, ResourceKind.DEPLOYMENT, namespace, name, object -> {
            Deployment current = (Deployment) object;
            changed.set(!Objects.equals(current.getSpec().getTemplate(), template));
            current.getSpec().setTemplate(Serialization.copy(template));
            return changed.get();
        });

        long revision = RolloutHistoryCommand.revision(source);
        if (changed.get()) {
            connection.out().println("deployment/" + name + " rolled back to revision " + revision);
        } else {
            connection.out().println("deployment/" + name + " skipped rollback (current template already matches revision " + revision + ")");
        }
        connection.out().flush();
        return OK;
    }

    private ReplicaSet findRevision(List<ReplicaSet> revisions) {
        if (toRevision > 0) {
            return revisions.stream().filter(replicaSet -> RolloutHistoryCommand.revision(replicaSet) == toRevision).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("revision " + toRevision + " of deployment \"" + name
                            + "\" not found: run bossctl rollout history deployment/" + name));
        }
        if (revisions.size() < 2) {
            throw new IllegalArgumentException("deployment \"" + name + "\" has no earlier revision to roll back to");
        }
        return revisions.get(revisions.size() - 2);
    }
}
