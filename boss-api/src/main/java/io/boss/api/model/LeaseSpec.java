package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/** Holder and timing of a {@link Lease}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class LeaseSpec {

    private String holderIdentity;
    private Integer leaseDurationSeconds;
    private Instant acquireTime;
    private Instant renewTime;
    /** Number of times the lease changed holder. */
    private Integer leaseTransitions;

    public LeaseSpec() {
    }

    public String getHolderIdentity() {
        return holderIdentity;
    }

    public void setHolderIdentity(String holderIdentity) {
        this.holderIdentity = holderIdentity;
    }

    public Integer getLeaseDurationSeconds() {
        return leaseDurationSeconds;
    }

    public void setLeaseDurationSeconds(Integer leaseDurationSeconds) {
        this.leaseDurationSeconds = leaseDurationSeconds;
    }

    public Instant getAcquireTime() {
        return acquireTime;
    }

    public void setAcquireTime(Instant acquireTime) {
        this.acquireTime = acquireTime;
    }

    public Instant getRenewTime() {
        return renewTime;
    }

    public void setRenewTime(Instant renewTime) {
        this.renewTime = renewTime;
    }

    public Integer getLeaseTransitions() {
        return leaseTransitions;
    }

    public void setLeaseTransitions(Integer leaseTransitions) {
        this.leaseTransitions = leaseTransitions;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        LeaseSpec that = (LeaseSpec) other;
        return Objects.equals(holderIdentity, that.holderIdentity)
                && Objects.equals(leaseDurationSeconds, that.leaseDurationSeconds)
                && Objects.equals(acquireTime, that.acquireTime)
                && Objects.equals(renewTime, that.renewTime)
                && Objects.equals(leaseTransitions, that.leaseTransitions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(holderIdentity, leaseDurationSeconds, acquireTime, renewTime, leaseTransitions);
    }
}
