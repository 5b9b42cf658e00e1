package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How strongly a sandbox is separated from its host, weakest first. A provider that offers a level
 * may serve a request for any weaker level.
 */
public enum IsolationLevel {
    SHARED_HOST("sharedHost"),
    NAMESPACED("namespaced"),
    RUNTIME_SANDBOXED("runtimeSandboxed"),
    KERNEL_ISOLATED("kernelIsolated"),
    HARDWARE_VIRTUALIZED("hardwareVirtualized");

    private final String wireName;

    IsolationLevel(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Returns true when a sandbox of this level also meets a request for {@code requested}. */
    public boolean satisfies(IsolationLevel requested) {
        return compareTo(requested) >= 0;
    }

    /** Parses the wire name; returns null for an unknown one so validation can report it. */
    public static IsolationLevel fromWireName(String name) {
        for (IsolationLevel level : values()) {
            if (level.wireName.equals(name)) {
                return level;
            }
        }
        return null;
    }
}
