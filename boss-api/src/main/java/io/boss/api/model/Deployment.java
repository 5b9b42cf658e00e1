package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.boss.api.ResourceKind;
import java.util.Objects;

/** Declares a pod template and replica count and rolls changes out through ReplicaSets. */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public class Deployment extends Resource {

    private DeploymentSpec spec = new DeploymentSpec();
    private DeploymentStatus status = new DeploymentStatus();

    public Deployment() {
        super(ResourceKind.DEPLOYMENT.kind());
    }

    /** Creates an object with the given namespace and name; pass a null namespace for a cluster-scoped kind. */
    public Deployment(String namespace, String name) {
        this();
        setMetadata(new ObjectMeta(namespace, name));
    }

    @Override
    public ResourceKind resourceKind() {
        return ResourceKind.DEPLOYMENT;
    }

    public DeploymentSpec getSpec() {
        return spec;
    }

    public void setSpec(DeploymentSpec spec) {
        this.spec = spec;
    }

    public DeploymentStatus getStatus() {
        return status;
    }

    public void setStatus(DeploymentStatus status) {
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
        Deployment that = (Deployment) other;
        return Objects.equals(spec, that.spec)
                && Objects.equals(status, that.status);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), spec, status);
    }
}
