package io.boss.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.concurrent.TimeUnit;

/** Settings of the controller manager: workload controllers, garbage collector and node lifecycle controller. */
public class ControllerSettings {

    /** Whether the leader runs the controllers at all. */
    private boolean enabled = true;

    /** Worker threads per workload controller (ReplicaSet, Deployment, garbage collector). */
    @Min(1)
    @Max(64)
    private int workers = 2;

    /** Maximum pods one ReplicaSet creates or deletes in one atomic store batch. */
    @Min(1)
    @Max(1000)
    private int maxPodsPerBatch = 100;

    /** Time without a Lease renewal after which a node's Ready condition becomes Unknown. */
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration nodeMonitorGracePeriod = Duration.seconds(6);

    /** Further time a node stays not ready before its Pending and Running pods fail with reason NodeLost. */
    @NotNull
    @MinDuration(value = 0, unit = TimeUnit.MILLISECONDS)
    private Duration podEvictionTimeout = Duration.seconds(5);

    /** Interval at which the node lifecycle controller checks every node's Lease. */
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    private Duration nodeMonitorPeriod = Duration.milliseconds(500);

    /** First delay before a failed reconcile is retried; it doubles per failure. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration retryBaseDelay = Duration.milliseconds(20);

    /** Age of an event's last occurrence after which the garbage collector deletes it. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration eventTtl = Duration.hours(1);

    /** Maximum delay between retries of a failing reconcile. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration retryMaxDelay = Duration.seconds(10);

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public int getWorkers() {
        return workers;
    }

    @JsonProperty
    public void setWorkers(int workers) {
        this.workers = workers;
    }

    @JsonProperty
    public int getMaxPodsPerBatch() {
        return maxPodsPerBatch;
    }

    @JsonProperty
    public void setMaxPodsPerBatch(int maxPodsPerBatch) {
        this.maxPodsPerBatch = maxPodsPerBatch;
    }

    @JsonProperty
    public Duration getNodeMonitorGracePeriod() {
        return nodeMonitorGracePeriod;
    }

    @JsonProperty
    public void setNodeMonitorGracePeriod(Duration nodeMonitorGracePeriod) {
        this.nodeMonitorGracePeriod = nodeMonitorGracePeriod;
    }

    @JsonProperty
    public Duration getPodEvictionTimeout() {
        return podEvictionTimeout;
    }

    @JsonProperty
    public void setPodEvictionTimeout(Duration podEvictionTimeout) {
        this.podEvictionTimeout = podEvictionTimeout;
    }

    @JsonProperty
    public Duration getNodeMonitorPeriod() {
        return nodeMonitorPeriod;
    }

    @JsonProperty
    public void setNodeMonitorPeriod(Duration nodeMonitorPeriod) {
        this.nodeMonitorPeriod = nodeMonitorPeriod;
    }

    @JsonProperty
    public Duration getRetryBaseDelay() {
        return retryBaseDelay;
    }

    @JsonProperty
    public void setRetryBaseDelay(Duration retryBaseDelay) {
        this.retryBaseDelay = retryBaseDelay;
    }

    @JsonProperty
    public Duration getEventTtl() {
        return eventTtl;
    }

    @JsonProperty
    public void setEventTtl(Duration eventTtl) {
        this.eventTtl = eventTtl;
    }

    @JsonProperty
    public Duration getRetryMaxDelay() {
        return retryMaxDelay;
    }

    @JsonProperty
    public void setRetryMaxDelay(Duration retryMaxDelay) {
        this.retryMaxDelay = retryMaxDelay;
    }
}
