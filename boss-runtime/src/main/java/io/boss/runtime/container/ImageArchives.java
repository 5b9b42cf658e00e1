package io.boss.runtime.container;

import io.boss.api.model.Reason;
import io.boss.runtime.SandboxException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads image archives into the provider's image storage. */
final class ImageArchives {

    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern LOADED = Pattern.compile("Loaded image(?:\\(s\\))?: *(\\S+)");

    private ImageArchives() {
    }

    /**
     * Returns whether the location names an archive file rather than an image in storage: a URL,
     * an absolute path, or a name ending in {@code .tar}, {@code .tar.gz} or {@code .tgz}.
     */
    static boolean isArchiveReference(String location) {
        return location.startsWith("/") || location.startsWith("file:") || location.startsWith("http://")
                || location.startsWith("https://") || location.startsWith("./")
                || location.endsWith(".tar") || location.endsWith(".tar.gz") || location.endsWith(".tgz");
    }

    /**
     * Loads a docker or OCI archive with {@code podman load}; when podman does not recognise the
     * archive, imports it as a root file system tar, tagged {@code localhost/boss-import:<12 hex>}
     * after its digest. Returns the image reference.
     */
    static String load(PodmanCli podman, Path archive, String digest, String sandboxId) throws SandboxException {
        try {
            PodmanCli.Result loaded = podman.run(List.of("load", "--input", archive.toString()), LOAD_TIMEOUT);
            if (loaded.ok()) {
                Matcher matcher = LOADED.matcher(loaded.stdout());
                if (matcher.find()) {
                    return matcher.group(1).split(",")[0];
                }
            }
            String tag = "localhost/boss-import:" + digest.substring("sha256:".length(), "sha256:".length() + 12);
            PodmanCli.Result imported = podman.run(List.of("import", archive.toString(), tag), LOAD_TIMEOUT);
            if (!imported.ok()) {
                throw new SandboxException(Reason.ArtifactFetchFailed, "sandbox " + sandboxId + ": image archive "
                        + archive + " is neither a docker or OCI archive nor a root file system tar: "
                        + imported.error());
            }
            return tag;
        } catch (IOException e) {
            throw new SandboxException(Reason.ArtifactFetchFailed, "sandbox " + sandboxId + ": cannot load image "
                    + "archive " + archive + ": " + e.getMessage(), e);
        }
    }
}
