package io.boss.runtime.artifact;

import io.boss.api.model.Reason;
import io.boss.runtime.SandboxArtifact;
import io.boss.runtime.SandboxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an artifact reference into a verified file in the node's {@link ArtifactCache}. A
 * reference is a host path, a {@code file://} URI or an {@code http://} or {@code https://} URL.
 *
 * <p>With a digest, a cached file of that digest is returned without any fetch, and a fetched
 * file whose bytes have another digest is deleted and reported as {@code ArtifactFetchFailed},
 * so nothing starts from it. Without a digest the file is fetched, hashed and cached under the
 * digest it has. The resolver then remembers that digest for the reference: a URL for the
 * resolver's lifetime, a host path for as long as its size and modification time stay the same.
 *
 * <p>Threading: thread-safe. Two concurrent resolutions of one reference may both fetch it; the
 * cache keeps one copy.
 */
public final class ArtifactResolver {

    /** How long one HTTP download may take by default. */
    public static final Duration DEFAULT_DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactResolver.class);

    private final ArtifactCache cache;
    private final Duration downloadTimeout;
    private final HttpClient http;
    private final Map<String, String> digestsByReference = new ConcurrentHashMap<>();

    public ArtifactResolver(ArtifactCache cache) {
        this(cache, DEFAULT_DOWNLOAD_TIMEOUT);
    }

    public ArtifactResolver(ArtifactCache cache, Duration downloadTimeout) {
        this.cache = cache;
        this.downloadTimeout = downloadTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Returns the digests of the cached artifacts, for the Node status. */
    public List<String> cachedDigests() {
        return cache.digests();
    }

    /**
     * Returns the cached, verified file of the artifact.
     *
     * @param sandboxId the sandbox that needs it, named in error messages
     * @throws SandboxException with {@code ArtifactFetchFailed} when the reference is missing,
     *     unreadable or of an unsupported scheme, the digest is malformed, or the content does
     *     not match the digest
     */
    public Path resolve(SandboxArtifact artifact, String sandboxId) throws SandboxException {
        String reference = artifact.location();
        String expected = artifact.digest();
        if (reference == null || reference.isBlank()) {
            throw failed(sandboxId, "the " + artifact.type().wireName() + " artifact has no path or uri");
        }
        if (expected != null && !Digests.isValid(expected)) {
            throw failed(sandboxId, Digests.invalidMessage(expected));
        }

        String knownDigest = expected != null ? expected : digestsByReference.get(referenceKey(reference));
        if (knownDigest != null) {
            Optional<Path> cached = cache.find(knownDigest);
            if (cached.isPresent()) {
                LOG.debug("Artifact found in cache sandbox={} reference={} digest={}", sandboxId, reference,
                        knownDigest);
                return cached.get();
            }
        }

        Fetched fetched = fetch(reference, sandboxId);
        if (expected != null && !expected.equalsIgnoreCase(fetched.digest)) {
            deleteQuietly(fetched.file);
            throw failed(sandboxId, "artifact " + reference + " has digest " + fetched.digest + ", expected "
                    + expected + "; fix the digest or the artifact");
        }
        try {
            Path cached = cache.add(fetched.file, fetched.digest);
            digestsByReference.put(referenceKey(reference), fetched.digest);
            LOG.info("Artifact resolved sandbox={} reference={} digest={}", sandboxId, reference, fetched.digest);
            return cached;
        } catch (IOException e) {
            deleteQuietly(fetched.file);
            throw failed(sandboxId, "cannot store artifact " + reference + " in the cache under " + cache.dir()
                    + ": " + e.getMessage());
        }
    }

    private record Fetched(Path file, String digest) {
    }

    private Fetched fetch(String reference, String sandboxId) throws SandboxException {
        if (reference.startsWith("http://") || reference.startsWith("https://")) {
            return download(reference, sandboxId);
        }
        if (reference.startsWith("file:")) {
            try {
                return copy(Path.of(new URI(reference)), reference, sandboxId);
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw failed(sandboxId, "invalid file URI '" + reference + "': " + e.getMessage());
            }
        }
        if (reference.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            throw failed(sandboxId, "unsupported artifact URI scheme in '" + reference
                    + "'; use a host path, file://, http:// or https://");
        }
        return copy(Path.of(reference), reference, sandboxId);
    }

    private Fetched copy(Path source, String reference, String sandboxId) throws SandboxException {
        if (!Files.isRegularFile(source)) {
            throw failed(sandboxId, "artifact file " + source + " does not exist or is not a regular file");
        }
        try (InputStream in = Files.newInputStream(source)) {
            return store(in, sandboxId);
        } catch (IOException e) {
            throw failed(sandboxId, "cannot read artifact " + reference + ": " + e.getMessage());
        }
    }

    private Fetched download(String url, String sandboxId) throws SandboxException {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(downloadTimeout).GET().build();
        } catch (IllegalArgumentException e) {
            throw failed(sandboxId, "invalid artifact URL '" + url + "': " + e.getMessage());
        }
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw failed(sandboxId, "GET " + url + " returned HTTP " + response.statusCode());
                }
                return store(body, sandboxId);
            }
        } catch (IOException e) {
            throw failed(sandboxId, "GET " + url + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(sandboxId, "interrupted while downloading " + url);
        }
    }

    /** Writes the stream to a new file in the cache's incoming directory, hashing it on the way. */
    private Fetched store(InputStream in, String sandboxId) throws IOException {
        Path file = Files.createTempFile(cache.incomingDir(), sandboxId + "-", ".part");
        MessageDigest digest = Digests.sha256();
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[65536];
            int count;
            while ((count = in.read(buffer)) > 0) {
                digest.update(buffer, 0, count);
                out.write(buffer, 0, count);
            }
        } catch (IOException e) {
            deleteQuietly(file);
            throw e;
        }
        return new Fetched(file, Digests.format(digest));
    }

    /**
     * Returns the key under which a reference's digest is remembered. A host path's key includes
     * its size and modification time, so a changed file is hashed again.
     */
    private static String referenceKey(String reference) {
        if (reference.startsWith("http://") || reference.startsWith("https://")) {
            return reference;
        }
        try {
            Path path = reference.startsWith("file:") ? Path.of(new URI(reference)) : Path.of(reference);
            return path.toAbsolutePath() + "|" + Files.size(path) + "|" + Files.getLastModifiedTime(path).toMillis();
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return reference;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", file, e.getMessage());
        }
    }

    private static SandboxException failed(String sandboxId, String detail) {
        return new SandboxException(Reason.ArtifactFetchFailed, "sandbox " + sandboxId + ": " + detail);
    }
}
