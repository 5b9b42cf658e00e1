package io.boss.api;

import io.boss.api.model.ClusterRole;
import io.boss.api.model.ClusterRoleBinding;
import io.boss.api.model.Deployment;
import io.boss.api.model.Event;
import io.boss.api.model.IsolationPolicy;
import io.boss.api.model.Lease;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.Resource;
import io.boss.api.model.Role;
import io.boss.api.model.RoleBinding;
import java.util.Optional;

/**
 * The kinds the API serves, with the names the HTTP paths and the store keys use. {@link #NODE},
 * {@link #CLUSTER_ROLE} and {@link #CLUSTER_ROLE_BINDING} are cluster-scoped; every other kind
 * lives in a namespace.
 */
public enum ResourceKind {
    POD("Pod", "pods", true, Pod.class),
    NODE("Node", "nodes", false, Node.class),
    DEPLOYMENT("Deployment", "deployments", true, Deployment.class),
    REPLICA_SET("ReplicaSet", "replicasets", true, ReplicaSet.class),
    LEASE("Lease", "leases", true, Lease.class),
    ROLE("Role", "roles", true, Role.class),
    CLUSTER_ROLE("ClusterRole", "clusterroles", false, ClusterRole.class),
    ROLE_BINDING("RoleBinding", "rolebindings", true, RoleBinding.class),
    CLUSTER_ROLE_BINDING("ClusterRoleBinding", "clusterrolebindings", false, ClusterRoleBinding.class),
    ISOLATION_POLICY("IsolationPolicy", "isolationpolicies", true, IsolationPolicy.class),
    EVENT("Event", "events", true, Event.class);

    private final String kind;
    private final String plural;
    private final boolean namespaced;
    private final Class<? extends Resource> type;

    ResourceKind(String kind, String plural, boolean namespaced, Class<? extends Resource> type) {
        this.kind = kind;
        this.plural = plural;
        this.namespaced = namespaced;
        this.type = type;
    }

    /** Returns the value of the {@code kind} field, such as {@code Pod}. */
    public String kind() {
        return kind;
    }

    /** Returns the {@code kind} of a list of this kind, such as {@code PodList}. */
    public String listKind() {
        return kind + "List";
    }

    /** Returns the lowercase plural used in paths and store keys, such as {@code pods}. */
    public String plural() {
        return plural;
    }

    /** Returns false for a cluster-scoped kind. */
    public boolean namespaced() {
        return namespaced;
    }

    /** Returns the Java model type. */
    public Class<? extends Resource> type() {
        return type;
    }

    /**
     * Returns the HTTP path of a collection or, with a name, of one object, such as
     * {@code /api/v1/namespaces/default/pods/web}. A null namespace on a namespaced kind gives the
     * all-namespaces path {@code /api/v1/pods}, which only lists and watches accept.
     */
    public String path(String namespace, String name) {
        StringBuilder path = new StringBuilder("/api/v1/");
        if (namespaced && namespace != null) {
            path.append("namespaces/").append(namespace).append('/');
        }
        path.append(plural);
        if (name != null) {
            path.append('/').append(name);
        }
        return path.toString();
    }

    /** Returns the kind with the given plural, such as {@code replicasets}. */
    public static Optional<ResourceKind> fromPlural(String plural) {
        for (ResourceKind value : values()) {
            if (value.plural.equals(plural)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Returns the kind with the given {@code kind} field value, such as {@code ReplicaSet}. */
    public static Optional<ResourceKind> fromKind(String kind) {
        for (ResourceKind value : values()) {
            if (value.kind.equals(kind)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the kind of a model type.
     *
     * @throws IllegalArgumentException when {@code type} is not one of the model types
     */
    public static ResourceKind of(Class<? extends Resource> type) {
        for (ResourceKind value : values()) {
            if (value.type.equals(type)) {
                return value;
            }
        }
        throw new IllegalArgumentException("no resource kind for Java type " + type.getName());
    }
}
