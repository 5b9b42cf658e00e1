package io.boss.server.registry;

import io.boss.api.ResourceKind;

/**
 * Store keys of API objects: {@code /registry/{plural}/{namespace}/{name}}, or
 * {@code /registry/{plural}/{name}} for a cluster-scoped kind such as Node.
 */
public final class RegistryKeys {

    private static final String ROOT = "/registry/";

    private RegistryKeys() {
    }

    /** Returns the key of one object; {@code namespace} is ignored for cluster-scoped kinds. */
    public static String key(ResourceKind kind, String namespace, String name) {
        return prefix(kind, namespace) + name;
    }

    /**
     * Returns the prefix of every key of {@code kind} in {@code namespace}, or in every namespace
     * when {@code namespace} is null. The trailing slash keeps namespace {@code a} from matching
     * namespace {@code ab}.
     */
    public static String prefix(ResourceKind kind, String namespace) {
        if (!kind.namespaced() || namespace == null) {
            return ROOT + kind.plural() + "/";
        }
        return ROOT + kind.plural() + "/" + namespace + "/";
    }
}
