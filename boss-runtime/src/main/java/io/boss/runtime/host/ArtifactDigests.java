package io.boss.runtime.host;

import io.boss.api.model.Reason;
import io.boss.runtime.SandboxArtifact;
import io.boss.runtime.SandboxException;
import io.boss.runtime.SandboxSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Verifies a host file artifact against the digest its spec gives. */
public final class ArtifactDigests {

    private static final String SHA256_PREFIX = "sha256:";

    private ArtifactDigests() {
    }

    /**
     * Checks the artifact file's sha256 digest when the spec gives one. Does nothing for a spec
     * without an artifact or digest. Raises {@code ArtifactFetchFailed} for a missing file, a
     * digest that is not {@code sha256:<64 hex digits>}, or a mismatch.
     */
    public static void verify(SandboxSpec spec) throws SandboxException {
        SandboxArtifact artifact = spec.artifact();
        if (artifact == null || artifact.digest() == null) {
            return;
        }
        String expected = artifact.digest();
        if (!expected.startsWith(SHA256_PREFIX) || expected.length() != SHA256_PREFIX.length() + 64) {
            throw new SandboxException(Reason.ArtifactFetchFailed, "invalid digest '" + expected + "' for sandbox "
                    + spec.sandboxId() + ": use sha256: followed by 64 hex digits");
        }
        if (artifact.location() == null) {
            throw new SandboxException(Reason.ArtifactFetchFailed, "artifact of sandbox " + spec.sandboxId()
                    + " has a digest but no location");
        }

        Path file = Path.of(artifact.location());
        String actual;
        try {
            actual = SHA256_PREFIX + sha256Hex(file);
        } catch (IOException e) {
            throw new SandboxException(Reason.ArtifactFetchFailed, "cannot read artifact " + file + " of sandbox "
                    + spec.sandboxId() + ": " + e.getMessage(), e);
        }
        if (!actual.equalsIgnoreCase(expected)) {
            throw new SandboxException(Reason.ArtifactFetchFailed, "artifact " + file + " of sandbox "
                    + spec.sandboxId() + " has digest " + actual + ", expected " + expected);
        }
    }

    private static String sha256Hex(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            int count;
            while ((count = in.read(buffer)) > 0) {
                digest.update(buffer, 0, count);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
