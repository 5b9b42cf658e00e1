package io.boss.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.concurrent.TimeUnit;

/** Settings of this replica's Raft store. */
public class RaftSettings {

    /** Number of applied log entries after which the state machine takes a snapshot. */
    @Min(1)
    private long snapshotThreshold = 10_000;

    /** Maximum time a write or linearizable read waits for the group before it fails with NoQuorum. */
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration requestTimeout = Duration.seconds(5);

    /** Number of recent revisions kept for watches; a watch from an older revision gets 410 Expired. */
    @Min(1)
    private int watchHistorySize = 20_000;

    /** Maximum number of committed entries not yet applied before the raft-caught-up health check fails. */
    @Min(0)
    private long maxAppliedLag = 100;

    @JsonProperty
    public long getMaxAppliedLag() {
        return maxAppliedLag;
    }

    @JsonProperty
    public void setMaxAppliedLag(long maxAppliedLag) {
        this.maxAppliedLag = maxAppliedLag;
    }

    @JsonProperty
    public long getSnapshotThreshold() {
        return snapshotThreshold;
    }

    @JsonProperty
    public void setSnapshotThreshold(long snapshotThreshold) {
        this.snapshotThreshold = snapshotThreshold;
    }

    @JsonProperty
    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    @JsonProperty
    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    @JsonProperty
    public int getWatchHistorySize() {
        return watchHistorySize;
    }

    @JsonProperty
    public void setWatchHistorySize(int watchHistorySize) {
        this.watchHistorySize = watchHistorySize;
    }
}
