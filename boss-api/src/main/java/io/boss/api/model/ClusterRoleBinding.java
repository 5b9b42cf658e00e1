package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.boss.api.ResourceKind;
import java.util.Objects;

/**
 * Grants a {@link ClusterRole} to users and groups in every namespace and on cluster-scoped kinds,
 * as a Kubernetes ClusterRoleBinding.
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public class ClusterRoleBinding extends Resource {

    private RoleBindingSpec spec = new RoleBindingSpec();

    public ClusterRoleBinding() {
        super(ResourceKind.CLUSTER_ROLE_BINDING.kind());
    }

    /** Creates an object with the given namespace and name; pass a null namespace for a cluster-scoped kind. */
    public ClusterRoleBinding(String namespace, String name) {
        this();
        setMetadata(new ObjectMeta(namespace, name));
    }

    @Override
    public ResourceKind resourceKind() {
        return ResourceKind.CLUSTER_ROLE_BINDING;
    }

    public RoleBindingSpec getSpec() {
        return spec;
    }

    public void setSpec(RoleBindingSpec spec) {
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
        return Objects.equals(spec, ((ClusterRoleBinding) other).spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), spec);
    }
}
