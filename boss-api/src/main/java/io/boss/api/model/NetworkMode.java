package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The network a sandbox sees. */
public enum NetworkMode {
    HOST("host"),
    NONE("none"),
    NAT("nat"),
    BRIDGE("bridge");

    private final String wireName;

    NetworkMode(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses the wire name; returns null for an unknown one so validation can report it. */
    public static NetworkMode fromWireName(String name) {
        for (NetworkMode mode : values()) {
            if (mode.wireName.equals(name)) {
                return mode;
            }
        }
        return null;
    }
}
