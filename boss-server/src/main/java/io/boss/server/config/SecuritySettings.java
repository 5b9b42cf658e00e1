package io.boss.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.concurrent.TimeUnit;

/**
 * Authentication, authorization and request limits of the HTTP API. TLS itself is set on the
 * Dropwizard connector ({@code server.applicationConnectors} with {@code type: https}); with a
 * trust store there and {@code wantClientAuth: true}, a client certificate signed by that CA
 * authenticates its subject CN as the user and its O values as groups.
 */
public class SecuritySettings {

    /**
     * Whether requests must authenticate. Unset means on when any application connector binds a
     * non-loopback address and off on loopback, where the server logs a WARN line saying so.
     */
    private Boolean authentication;

    /** Lets a replica listen on a non-loopback address with authentication off; only for closed networks. */
    private boolean allowUnauthenticatedNonLoopback;

    /** File of bearer tokens, one {@code sha256-hex,user,group1;group2} line each; reread when it changes. */
    private String tokenFile;

    /** How often the token file is checked for changes; a removed token stops working within this time. */
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    private Duration tokenFileCheckInterval = Duration.seconds(1);

    /** Sustained requests per second allowed to one authenticated user; 0 turns the limit off. */
    @Min(0)
    private double requestsPerSecond = 100;

    /** Requests one user may send in a burst above {@code requestsPerSecond}. */
    @Min(1)
    private int requestBurst = 200;

    /** Open watches allowed to one authenticated user on one replica; 0 turns the limit off. */
    @Min(0)
    private int maxWatchesPerUser = 100;

    @JsonProperty
    public Boolean getAuthentication() {
        return authentication;
    }

    @JsonProperty
    public void setAuthentication(Boolean authentication) {
        this.authentication = authentication;
    }

    @JsonProperty
    public boolean isAllowUnauthenticatedNonLoopback() {
        return allowUnauthenticatedNonLoopback;
    }

    @JsonProperty
    public void setAllowUnauthenticatedNonLoopback(boolean allowUnauthenticatedNonLoopback) {
        this.allowUnauthenticatedNonLoopback = allowUnauthenticatedNonLoopback;
    }

    @JsonProperty
    public String getTokenFile() {
        return tokenFile;
    }

    @JsonProperty
    public void setTokenFile(String tokenFile) {
        this.tokenFile = tokenFile;
    }

    @JsonProperty
    public Duration getTokenFileCheckInterval() {
        return tokenFileCheckInterval;
    }

    @JsonProperty
    public void setTokenFileCheckInterval(Duration tokenFileCheckInterval) {
        this.tokenFileCheckInterval = tokenFileCheckInterval;
    }

    @JsonProperty
    public double getRequestsPerSecond() {
        return requestsPerSecond;
    }

    @JsonProperty
    public void setRequestsPerSecond(double requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    @JsonProperty
    public int getRequestBurst() {
        return requestBurst;
    }

    @JsonProperty
    public void setRequestBurst(int requestBurst) {
        this.requestBurst = requestBurst;
    }

    @JsonProperty
    public int getMaxWatchesPerUser() {
        return maxWatchesPerUser;
    }

    @JsonProperty
    public void setMaxWatchesPerUser(int maxWatchesPerUser) {
        this.maxWatchesPerUser = maxWatchesPerUser;
    }
}
