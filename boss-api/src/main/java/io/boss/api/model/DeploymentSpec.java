package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Desired state of a {@link Deployment}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class DeploymentSpec {

    /** Desired number of pods. Null means 1. */
    private Integer replicas;
    private LabelSelector selector;
    private PodTemplateSpec template;
    /** Replacement strategy for old pods. Null means RollingUpdate with 25% surge and 25% unavailable. */
    private DeploymentStrategy strategy;
    /** Old ReplicaSets to keep. Null means 10. */
    private Integer revisionHistoryLimit;
    private int minReadySeconds;
    private boolean paused;

    public DeploymentSpec() {
    }

    /** Default of {@link #getRevisionHistoryLimit()}. */
    public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;

    /** Returns the desired number of pods, 1 when unset. */
    public int desiredReplicas() {
        return replicas == null ? 1 : replicas;
    }

    /** Returns the number of old ReplicaSets to keep, {@value #DEFAULT_REVISION_HISTORY_LIMIT} when unset. */
    public int effectiveRevisionHistoryLimit() {
        return revisionHistoryLimit == null ? DEFAULT_REVISION_HISTORY_LIMIT : revisionHistoryLimit;
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

    public DeploymentStrategy getStrategy() {
        return strategy;
    }

    public void setStrategy(DeploymentStrategy strategy) {
        this.strategy = strategy;
    }

    public Integer getRevisionHistoryLimit() {
        return revisionHistoryLimit;
    }

    public void setRevisionHistoryLimit(Integer revisionHistoryLimit) {
        this.revisionHistoryLimit = revisionHistoryLimit;
    }

    public int getMinReadySeconds() {
        return minReadySeconds;
    }

    public void setMinReadySeconds(int minReadySeconds) {
        this.minReadySeconds = minReadySeconds;
    }

    public boolean isPaused() {
        return paused;
    }

    public void setPaused(boolean paused) {
        this.paused = paused;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        DeploymentSpec that = (DeploymentSpec) other;
        return Objects.equals(replicas, that.replicas)
                && Objects.equals(selector, that.selector)
                && Objects.equals(template, that.template)
                && Objects.equals(strategy, that.strategy)
                && Objects.equals(revisionHistoryLimit, that.revisionHistoryLimit)
                && minReadySeconds == that.minReadySeconds
                && paused == that.paused;
    }

    @Override
    public int hashCode() {
        return Objects.hash(replicas, selector, template, strategy, revisionHistoryLimit, minReadySeconds, paused);
    }
}
