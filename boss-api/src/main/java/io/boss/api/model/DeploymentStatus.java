package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Observed state of a {@link Deployment}, written by its controller. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class DeploymentStatus {

    private long observedGeneration;
    private int replicas;
    private int updatedReplicas;
    private int readyReplicas;
    private int availableReplicas;
    private int unavailableReplicas;
    private List<Condition> conditions = new ArrayList<>();
    /** Bumped when a template hash collides with an existing ReplicaSet. */
    private Integer collisionCount;

    public DeploymentStatus() {
    }

    public long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public int getReplicas() {
        return replicas;
    }

    public void setReplicas(int replicas) {
        this.replicas = replicas;
    }

    public int getUpdatedReplicas() {
        return updatedReplicas;
    }

    public void setUpdatedReplicas(int updatedReplicas) {
        this.updatedReplicas = updatedReplicas;
    }

    public int getReadyReplicas() {
        return readyReplicas;
    }

    public void setReadyReplicas(int readyReplicas) {
        this.readyReplicas = readyReplicas;
    }

    public int getAvailableReplicas() {
        return availableReplicas;
    }

    public void setAvailableReplicas(int availableReplicas) {
        this.availableReplicas = availableReplicas;
    }

    public int getUnavailableReplicas() {
        return unavailableReplicas;
    }

    public void setUnavailableReplicas(int unavailableReplicas) {
        this.unavailableReplicas = unavailableReplicas;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions);
    }

    public Integer getCollisionCount() {
        return collisionCount;
    }

    public void setCollisionCount(Integer collisionCount) {
        this.collisionCount = collisionCount;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        DeploymentStatus that = (DeploymentStatus) other;
        return observedGeneration == that.observedGeneration
                && replicas == that.replicas
                && updatedReplicas == that.updatedReplicas
                && readyReplicas == that.readyReplicas
                && availableReplicas == that.availableReplicas
                && unavailableReplicas == that.unavailableReplicas
                && Objects.equals(conditions, that.conditions)
                && Objects.equals(collisionCount, that.collisionCount);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, replicas, updatedReplicas, readyReplicas, availableReplicas,
                unavailableReplicas, conditions, collisionCount);
    }
}
