package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.boss.api.ResourceKind;
import java.util.Objects;

/**
 * A set of permissions within one namespace: each rule grants verbs on resources. A
 * {@link RoleBinding} in the same namespace grants it to users and groups, as a Kubernetes Role.
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public class Role extends Resource {

    private RoleSpec spec = new RoleSpec();

    public Role() {
        super(ResourceKind.ROLE.kind());
    }

    /** Creates an object with the given namespace and name; pass a null namespace for a cluster-scoped kind. */
    public Role(String namespace, String name) {
        this();
        setMetadata(new ObjectMeta(namespace, name));
    }

    @Override
    public ResourceKind resourceKind() {
        return ResourceKind.ROLE;
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
        return Objects.equals(spec, ((Role) other).spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), spec);
    }
}
