package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * One aspect of an object's state, as in Kubernetes: a {@code type} such as those in
 * {@link ConditionTypes}, a {@code status} of {@code True}, {@code False} or {@code Unknown}, and
 * the reason and message behind it. {@link Conditions} updates a list of them.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class Condition {

    private String type;
    /** One of True, False, Unknown. */
    private String status;
    private String reason;
    private String message;
    /** When status last changed. Updates that keep the status keep this time. */
    private Instant lastTransitionTime;
    /** metadata.generation the condition was computed from. */
    private Long observedGeneration;

    public Condition() {
    }

    public static final String TRUE = "True";
    public static final String FALSE = "False";
    public static final String UNKNOWN = "Unknown";

    /** Creates a condition without a transition time; {@link Conditions#set} fills it in. */
    public Condition(String type, String status, String reason, String message) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
    }

    /** Returns true when the status is {@code True}. */
    @JsonIgnore
    public boolean isTrue() {
        return TRUE.equals(status);
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public Instant getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(Instant lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        Condition that = (Condition) other;
        return Objects.equals(type, that.type)
                && Objects.equals(status, that.status)
                && Objects.equals(reason, that.reason)
                && Objects.equals(message, that.message)
                && Objects.equals(lastTransitionTime, that.lastTransitionTime)
                && Objects.equals(observedGeneration, that.observedGeneration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, status, reason, message, lastTransitionTime, observedGeneration);
    }
}
