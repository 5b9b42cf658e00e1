package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Desired pods of a {@link ReplicaSet}. The selector must match the template's labels;
 * validation rejects a spec where it does not.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ReplicaSetSpec {

    /** Desired number of pods. Null means 1. */
    private Integer replicas;
    private LabelSelector selector;
    private PodTemplateSpec template;
    /** Seconds a pod must be ready before it counts as available. */
    private int minReadySeconds;

    public ReplicaSetSpec() {
    }

    /** Returns the desired number of pods, 1 when unset. */
    public int desiredReplicas() {
        return replicas == null ? 1 : replicas;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public LabelSelector getSelector() {
        return selector;
    }

    public void setSelector(LabelSelector selector) {
        this.selector = selector;
    }

    public PodTemplateSpec getTemplate() {
        return template;
    }

    public void setTemplate(PodTemplateSpec template) {
        this.template = template;
    }

    public int getMinReadySeconds() {
        return minReadySeconds;
    }

    public void setMinReadySeconds(int minReadySeconds) {
        this.minReadySeconds = minReadySeconds;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        ReplicaSetSpec that = (ReplicaSetSpec) other;
        return Objects.equals(replicas, that.replicas)
                && Objects.equals(selector, that.selector)
                && Objects.equals(template, that.template)
                && minReadySeconds == that.minReadySeconds;
    }

    @Override
    public int hashCode() {
        return Objects.hash(replicas, selector, template, minReadySeconds);
    }
}
