package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Bounds of a rolling update, each an absolute count or a percentage of the desired replicas.
 * Null fields mean 25%.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class RollingUpdateDeployment {

    /** Pods allowed above the desired count; a percentage rounds up. */
    private IntOrPercent maxSurge;
    /** Pods allowed below the desired count; a percentage rounds down. */
    private IntOrPercent maxUnavailable;

    public RollingUpdateDeployment() {
    }

    /** Default of both bounds. */
    public static final IntOrPercent DEFAULT_BOUND = IntOrPercent.of("25%");

    public IntOrPercent getMaxSurge() {
        return maxSurge;
    }

    public void setMaxSurge(IntOrPercent maxSurge) {
        this.maxSurge = maxSurge;
    }

    public IntOrPercent getMaxUnavailable() {
        return maxUnavailable;
    }

    public void setMaxUnavailable(IntOrPercent maxUnavailable) {
        this.maxUnavailable = maxUnavailable;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        RollingUpdateDeployment that = (RollingUpdateDeployment) other;
        return Objects.equals(maxSurge, that.maxSurge)
                && Objects.equals(maxUnavailable, that.maxUnavailable);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxSurge, maxUnavailable);
    }
}
