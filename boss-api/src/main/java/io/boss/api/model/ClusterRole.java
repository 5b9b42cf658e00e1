package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.boss.api.ResourceKind;
import java.util.Objects;

/**
 * A cluster-scoped set of permissions, as a Kubernetes ClusterRole. A {@link ClusterRoleBinding}
 * grants it in every namespace and on cluster-scoped kinds; a {@link RoleBinding} grants it in the
 * binding's namespace only. The built-in roles {@code admin}, {@code edit}, {@code view} and
 * {@code node} are ClusterRoles that the server defines and that cannot be stored.
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public class ClusterRole extends Resource {

    private RoleSpec spec = new RoleSpec();

    public ClusterRole() {
        super(ResourceKind.CLUSTER_ROLE.kind());
    }

    /** Creates an object with the given namespace and name; pass a null namespace for a cluster-scoped kind. */
    public ClusterRole(String namespace, String name) {
        this();
        setMetadata(new ObjectMeta(namespace, name));
    }

    @Override
    public ResourceKind resourceKind() {
        return ResourceKind.CLUSTER_ROLE;
    }

    public RoleSpec getSpec() {
        return spec;
    }

    public void setSpec(RoleSpec spec) {
        this.spec = spec;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!super.equals(other)) {
            return false;
        }
        return Objects.equals(spec, ((ClusterRole) other).spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), spec);
    }
}
