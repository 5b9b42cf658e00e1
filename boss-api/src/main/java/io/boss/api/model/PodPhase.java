package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** Lifecycle phase of a pod, with the Kubernetes wire names. */
public enum PodPhase {
    PENDING("Pending"),
    RUNNING("Running"),
    SUCCEEDED("Succeeded"),
    FAILED("Failed"),
    UNKNOWN("Unknown");

    private final String wireName;

    PodPhase(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Returns true for the phases a pod never leaves: Succeeded and Failed. */
    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED;
    }

    /** Parses the wire name; returns null for an unknown one so validation can report it. */
    public static PodPhase fromWireName(String name) {
        for (PodPhase phase : values()) {
            if (phase.wireName.equals(name)) {
                return phase;
            }
        }
        return null;
    }
}
