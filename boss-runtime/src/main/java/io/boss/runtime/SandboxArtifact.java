package io.boss.runtime;

import io.boss.api.model.ArtifactType;
import java.util.Objects;

/**
 * The thing a sandbox runs.
 *
 * @param type the artifact's form
 * @param location a host path, image reference or URI, depending on {@code type}
 * @param digest the expected content digest such as {@code sha256:...}, or null when unverified
 */
public record SandboxArtifact(ArtifactType type, String location, String digest) {

    public SandboxArtifact {
        Objects.requireNonNull(type, "artifact type is missing");
    }

    /** Returns an executable artifact at a host path, without a digest. */
    public static SandboxArtifact executable(String path) {
        return new SandboxArtifact(ArtifactType.EXECUTABLE, path, null);
    }
}
