package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.boss.api.ResourceKind;
import java.util.Objects;

/** Keeps a number of identical pods, matched by its selector, running. */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public class ReplicaSet extends Resource {

    private ReplicaSetSpec spec = new ReplicaSetSpec();
    private ReplicaSetStatus status = new ReplicaSetStatus();

    public ReplicaSet() {
        super(ResourceKind.REPLICA_SET.kind());
    }

    /** Creates an object with the given namespace and name; pass a null namespace for a cluster-scoped kind. */
    public ReplicaSet(String namespace, String name) {
        this();
        setMetadata(new ObjectMeta(namespace, name));
    }

    @Override
    public ResourceKind resourceKind() {
        return ResourceKind.REPLICA_SET;
    }

    public ReplicaSetSpec getSpec() {
        return spec;
    }

    public void setSpec(ReplicaSetSpec spec) {
        this.spec = spec;
    }

    public ReplicaSetStatus getStatus() {
        return status;
    }

    public void setStatus(ReplicaSetStatus status) {
        this.status = status;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!super.equals(other)) {
            return false;
        }
        ReplicaSet that = (ReplicaSet) other;
        return Objects.equals(spec, that.spec)
                && Objects.equals(status, that.status);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), spec, status);
    }
}
