package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** When the node agent restarts a pod's sandbox after it exits, with the Kubernetes wire names. */
public enum RestartPolicy {
    ALWAYS("Always"),
    ON_FAILURE("OnFailure"),
    NEVER("Never");

    private final String wireName;

    RestartPolicy(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Returns true when a sandbox that exited with {@code exitCode} should be started again. */
    public boolean restarts(int exitCode) {
        return this == ALWAYS || (this == ON_FAILURE && exitCode != 0);
    }

    /** Parses the wire name; returns null for an unknown one so validation can report it. */
    public static RestartPolicy fromWireName(String name) {
        for (RestartPolicy policy : values()) {
            if (policy.wireName.equals(name)) {
                return policy;
            }
        }
        return null;
    }
}
