package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.boss.api.ResourceKind;
import java.util.Objects;

/**
 * A machine that runs pods, registered by its node agent. Cluster-scoped: {@code
 * metadata.namespace} is empty.
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public class Node extends Resource {

    /** The namespace of the Leases that node agents renew as their heartbeat, one per node, named after it. */
    public static final String LEASE_NAMESPACE = "boss-node-lease";

    private NodeSpec spec = new NodeSpec();
    private NodeStatus status = new NodeStatus();

    public Node() {
        super(ResourceKind.NODE.kind());
    }

    /** Creates an object with the given namespace and name; pass a null namespace for a cluster-scoped kind. */
    public Node(String namespace, String name) {
        this();
        setMetadata(new ObjectMeta(namespace, name));
    }

    @Override
    public ResourceKind resourceKind() {
        return ResourceKind.NODE;
    }

    public NodeSpec getSpec() {
        return spec;
    }

    public void setSpec(NodeSpec spec) {
        this.spec = spec;
    }

    public NodeStatus getStatus() {
        return status;
    }

    public void setStatus(NodeStatus status) {
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
        Node that = (Node) other;
        return Objects.equals(spec, that.spec)
                && Objects.equals(status, that.status);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), spec, status);
    }
}
