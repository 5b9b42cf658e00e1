package io.boss.cli.resource;

import io.boss.api.ResourceKind;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the kind names a user types: singular ({@code pod}), plural ({@code pods}), short
 * ({@code po}, {@code no}, {@code deploy}, {@code rs}) or the {@code kind} field ({@code Pod}),
 * case-insensitive as in kubectl.
 */
public final class KindNames {

    private static final Map<String, ResourceKind> NAMES = new LinkedHashMap<>();

    static {
        register(ResourceKind.POD, "pod", "pods", "po");
        register(ResourceKind.NODE, "node", "nodes", "no");
        register(ResourceKind.DEPLOYMENT, "deployment", "deployments", "deploy");
        register(ResourceKind.REPLICA_SET, "replicaset", "replicasets", "rs");
        register(ResourceKind.LEASE, "lease", "leases");
        register(ResourceKind.ROLE, "role", "roles");
        register(ResourceKind.CLUSTER_ROLE, "clusterrole", "clusterroles");
        register(ResourceKind.ROLE_BINDING, "rolebinding", "rolebindings");
        register(ResourceKind.CLUSTER_ROLE_BINDING, "clusterrolebinding", "clusterrolebindings");
        register(ResourceKind.ISOLATION_POLICY, "isolationpolicy", "isolationpolicies");
        register(ResourceKind.EVENT, "event", "events", "ev");
    }

    private KindNames() {
    }

    private static void register(ResourceKind kind, String... names) {
        for (String name : names) {
            NAMES.put(name, kind);
        }
    }

    /** Returns the kind a name stands for, if any. */
    public static Optional<ResourceKind> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(NAMES.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /**
     * Returns the kind a name stands for.
     *
     * @throws IllegalArgumentException naming the accepted names
     */
    public static ResourceKind resolve(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown resource type \"" + name + "\": use one of " + String.join(", ", NAMES.keySet())));
    }

    /**
     * Splits {@code kind/name} (as in {@code deployment/web}) into its parts.
     *
     * @throws IllegalArgumentException when the text is not {@code KIND/NAME} with a known kind
     */
    public static TypedName parseTypedName(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("invalid resource \"" + text + "\": expected KIND/NAME such as deployment/web");
        }
        return new TypedName(resolve(text.substring(0, slash)), text.substring(slash + 1));
    }

    /** A kind with an object name, as written {@code deployment/web}. */
    public record TypedName(ResourceKind kind, String name) {
    }
}
