package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonValue;

/** The form of the thing a sandbox runs. */
public enum ArtifactType {
    EXECUTABLE("executable"),
    CONTAINER_IMAGE("containerImage"),
    WASM_MODULE("wasmModule"),
    ROOTFS_IMAGE("rootfsImage"),
    DISK_IMAGE("diskImage");

    private final String wireName;

    ArtifactType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses the wire name; returns null for an unknown one so validation can report it. */
    public static ArtifactType fromWireName(String name) {
        for (ArtifactType type : values()) {
            if (type.wireName.equals(name)) {
                return type;
            }
        }
        return null;
    }
}
