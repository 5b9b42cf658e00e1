package io.boss.cli.commands;

import io.boss.api.model.Resource;
import io.boss.cli.output.ObjectPrinter;

/** Fills in and checks the namespace of an object read from a manifest, as kubectl does. */
final class NamespaceDefaults {

    private NamespaceDefaults() {
    }

    /**
     * Sets the namespace of a namespaced object that has none and clears it on a cluster-scoped
     * one.
     *
     * @throws IllegalArgumentException when the manifest names another namespace than {@code -n}
     */
    static void apply(Resource resource, ConnectionOptions connection) {
        String namespace = resource.getMetadata().getNamespace();
        boolean hasNamespace = namespace != null && !namespace.isEmpty();
        if (!resource.resourceKind().namespaced()) {
            resource.getMetadata().setNamespace(null);
            return;
        }
        if (!hasNamespace) {
            resource.getMetadata().setNamespace(connection.namespace());
            return;
        }
        if (connection.namespaceGiven() && !namespace.equals(connection.namespace())) {
            throw new IllegalArgumentException("the namespace of " + ObjectPrinter.qualifiedName(resource)
                    + " is \"" + namespace + "\" but -n names \"" + connection.namespace()
                    + "\": drop -n or pass -n " + namespace);
        }
    }
}
