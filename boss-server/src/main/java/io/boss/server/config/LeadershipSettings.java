package io.boss.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;

import java.util.concurrent.TimeUnit;

/** Settings of the leader-only services (scheduler, controllers). */
public class LeadershipSettings {

    /** Whether this replica runs leader-only services when it is the Raft leader. */
    private boolean enabled = true;

    /** Maximum time one service may take to stop before the manager logs it and moves on. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MILLISECONDS)
    private Duration serviceStopTimeout = Duration.seconds(10);

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public Duration getServiceStopTimeout() {
        return serviceStopTimeout;
    }

    @JsonProperty
    public void setServiceStopTimeout(Duration serviceStopTimeout) {
        this.serviceStopTimeout = serviceStopTimeout;
    }
}
