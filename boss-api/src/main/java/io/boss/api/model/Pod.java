package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.boss.api.ResourceKind;
import java.util.Objects;

/**
 * A workload: one sandbox with its containers, placed on one node. The user writes {@code spec};
 * the scheduler writes {@code spec.nodeName}; the node agent writes {@code status}.
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public class Pod extends Resource {

    private PodSpec spec = new PodSpec();
    private PodStatus status = new PodStatus();

    public Pod() {
        super(ResourceKind.POD.kind());
    }

    /** Creates an object with the given namespace and name; pass a null namespace for a cluster-scoped kind. */
    public Pod(String namespace, String name) {
        this();
        setMetadata(new ObjectMeta(namespace, name));
    }

    @Override
    public ResourceKind resourceKind() {
        return ResourceKind.POD;
    }

    public PodSpec getSpec() {
        return spec;
    }

    public void setSpec(PodSpec spec) {
        this.spec = spec;
    }

    public PodStatus getStatus() {
        return status;
    }

    public void setStatus(PodStatus status) {
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
        Pod that = (Pod) other;
        return Objects.equals(spec, that.spec)
                && Objects.equals(status, that.status);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), spec, status);
    }
}
