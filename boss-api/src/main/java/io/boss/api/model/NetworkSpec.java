package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** The network a pod's sandbox joins. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class NetworkSpec {

    /** One of the NetworkMode wire names. */
    private String mode;

    public NetworkSpec() {
    }

    /** Returns the network mode, or null when unset or unknown. */
    public NetworkMode resolvedMode() {
        return NetworkMode.fromWireName(mode);
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        NetworkSpec that = (NetworkSpec) other;
        return Objects.equals(mode, that.mode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode);
    }
}
