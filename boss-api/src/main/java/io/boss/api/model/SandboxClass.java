package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The kind of sandbox a pod runs in. A pod names it in {@code spec.sandboxClass}, or through the
 * legacy {@code spec.runtimeClass}; see {@link #resolve}.
 */
public enum SandboxClass {
    PROCESS("process"),
    CONTAINER("container"),
    WASM("wasm"),
    VM("vm"),
    MICROVM("microvm");

    /** Legacy runtime class names and the class each stands for. */
    private static final Map<String, SandboxClass> ALIASES = Map.of(
            "baremetal", PROCESS,
            "firecracker", MICROVM);

    private final String wireName;

    SandboxClass(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses a class name or alias; returns null for an unknown one so validation can report it. */
    public static SandboxClass fromName(String name) {
        if (name == null) {
            return null;
        }
        for (SandboxClass sandboxClass : values()) {
            if (sandboxClass.wireName.equals(name)) {
                return sandboxClass;
            }
        }
        return ALIASES.get(name);
    }

    /**
     * Resolves the class of a pod: {@code sandboxClass} wins over {@code runtimeClass}, and a pod
     * that names neither runs as a {@link #PROCESS}. Returns null when the winning name is unknown.
     */
    public static SandboxClass resolve(String sandboxClass, String runtimeClass) {
        if (sandboxClass != null && !sandboxClass.isEmpty()) {
            return fromName(sandboxClass);
        }
        if (runtimeClass != null && !runtimeClass.isEmpty()) {
            return fromName(runtimeClass);
        }
        return PROCESS;
    }

    /** Returns every accepted class name, aliases included, for error messages. */
    public static List<String> acceptedNames() {
        List<String> names = new ArrayList<>();
        for (SandboxClass sandboxClass : values()) {
            names.add(sandboxClass.wireName);
        }
        names.addAll(new TreeSet<>(ALIASES.keySet()));
        return names;
    }

    /**
     * Returns the artifact types a sandbox of this class can run: an executable for a process, a
     * container image for a container, a WASM module for wasm, and a root file system or disk
     * image for a virtual machine.
     */
    public Set<ArtifactType> artifactTypes() {
        switch (this) {
            case PROCESS:
                return EnumSet.of(ArtifactType.EXECUTABLE);
            case CONTAINER:
                return EnumSet.of(ArtifactType.CONTAINER_IMAGE);
            case WASM:
                return EnumSet.of(ArtifactType.WASM_MODULE);
            case VM:
            case MICROVM:
                return EnumSet.of(ArtifactType.DISK_IMAGE, ArtifactType.ROOTFS_IMAGE);
            default:
                throw new IllegalStateException("unhandled sandbox class " + this);
        }
    }
}
