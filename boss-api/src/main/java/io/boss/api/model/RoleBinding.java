package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.boss.api.ResourceKind;
import java.util.Objects;

/**
 * Grants a {@link Role} of the same namespace, or a {@link ClusterRole}, to users and groups within
 * the binding's namespace, as a Kubernetes RoleBinding.
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public class RoleBinding extends Resource {

    private RoleBindingSpec spec = new RoleBindingSpec();

    public RoleBinding() {
        super(ResourceKind.ROLE_BINDING.kind());
    }

    /** Creates an object with the given namespace and name; pass a null namespace for a cluster-scoped kind. */
    public RoleBinding(String namespace, String name) {
        this();
        setMetadata(new ObjectMeta(namespace, name));
    }

    @Override
    public ResourceKind resourceKind() {
        return ResourceKind.ROLE_BINDING;
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
        return Objects.equals(spec, ((RoleBinding) other).spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), spec);
    }
}
