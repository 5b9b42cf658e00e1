package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Observed state of a {@link ReplicaSet}, written by its controller. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ReplicaSetStatus {

    private int replicas;
    private int readyReplicas;
    private int availableReplicas;
    private int fullyLabeledReplicas;
    private long observedGeneration;
    private List<Condition> conditions = new ArrayList<>();

    public ReplicaSetStatus() {
    }

    public int getReplicas() {
        return replicas;
    }

    public void setReplicas(int replicas) {
        this.replicas = replicas;
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

    public int getFullyLabeledReplicas() {
        return fullyLabeledReplicas;
    }

    public void setFullyLabeledReplicas(int fullyLabeledReplicas) {
        this.fullyLabeledReplicas = fullyLabeledReplicas;
    }

    public long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        ReplicaSetStatus that = (ReplicaSetStatus) other;
        return replicas == that.replicas
                && readyReplicas == that.readyReplicas
                && availableReplicas == that.availableReplicas
                && fullyLabeledReplicas == that.fullyLabeledReplicas
                && observedGeneration == that.observedGeneration
                && Objects.equals(conditions, that.conditions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(replicas, readyReplicas, availableReplicas, fullyLabeledReplicas, observedGeneration,
                conditions);
    }
}
