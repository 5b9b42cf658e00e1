package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.boss.api.ResourceKind;
import java.util.Objects;

/**
 * A named lock held by one identity for a bounded time, renewed by its holder, as a Kubernetes
 * coordination Lease. It has a spec and no status.
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public class Lease extends Resource {

    private LeaseSpec spec = new LeaseSpec();

    public Lease() {
        super(ResourceKind.LEASE.kind());
    }

    /** Creates an object with the given namespace and name; pass a null namespace for a cluster-scoped kind. */
    public Lease(String namespace, String name) {
        this();
        setMetadata(new ObjectMeta(namespace, name));
    }

    @Override
    public ResourceKind resourceKind() {
        return ResourceKind.LEASE;
    }

    public LeaseSpec getSpec() {
        return spec;
    }

    public void setSpec(LeaseSpec spec) {
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
        Lease that = (Lease) other;
        return Objects.equals(spec, that.spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), spec);
    }
}
