package io.boss.runtime.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.boss.api.model.ArtifactType;
import io.boss.api.model.Reason;
import io.boss.runtime.SandboxArtifact;
import io.boss.runtime.SandboxException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactResolverTest {

    private static final byte[] MODULE = "module bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger downloads = new AtomicInteger();
    private String baseUrl;
    private final AtomicInteger counter = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/module.wasm", exchange -> {
            downloads.incrementAndGet();
            exchange.sendResponseHeaders(200, MODULE.length);
            exchange.getResponseBody().write(MODULE);
            exchange.close();
        });
        server.createContext("/missing", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void httpArtifactIsDownloadedOnceAndReused() throws Exception {
        ArtifactResolver resolver = resolver(1 << 20);
        String digest = Digests.ofText("module bytes");
        SandboxArtifact artifact = new SandboxArtifact(ArtifactType.WASM_MODULE, baseUrl + "/module.wasm", digest);

        Path first = resolver.resolve(artifact, "sb-1");
        Path second = resolver.resolve(artifact, "sb-2");

        assertEquals(first, second);
        assertArrayEquals(MODULE, Files.readAllBytes(first));
        assertEquals(1, downloads.get());
        assertEquals(List.of(digest), resolver.cachedDigests());
    }

    @Test
    void digestMismatchFailsAndCachesNothing() {
        ArtifactResolver resolver = resolver(1 << 20);
        String wrong = Digests.ofText("other bytes");
        SandboxArtifact artifact = new SandboxArtifact(ArtifactType.WASM_MODULE, baseUrl + "/module.wasm", wrong);

        SandboxException error = assertThrows(SandboxException.class, () -> resolver.resolve(artifact, "sb"));

        assertEquals(Reason.ArtifactFetchFailed, error.reason());
        assertTrue(error.getMessage().contains("expected " + wrong), error.getMessage());
        assertTrue(resolver.cachedDigests().isEmpty());
    }

    @Test
    void failedDownloadAndBadReferencesAreReported() {
        ArtifactResolver resolver = resolver(1 << 20);

        SandboxException notFound = assertThrows(SandboxException.class, () -> resolver.resolve(
                new SandboxArtifact(ArtifactType.WASM_MODULE, baseUrl + "/missing", null), "sb"));
        SandboxException badDigest = assertThrows(SandboxException.class, () -> resolver.resolve(
                new SandboxArtifact(ArtifactType.WASM_MODULE, baseUrl + "/module.wasm", "md5:abc"), "sb"));
        SandboxException badScheme = assertThrows(SandboxException.class, () -> resolver.resolve(
                new SandboxArtifact(ArtifactType.WASM_MODULE, "ftp://127.0.0.1/x", null), "sb"));
        SandboxException noFile = assertThrows(SandboxException.class, () -> resolver.resolve(
                new SandboxArtifact(ArtifactType.WASM_MODULE, dir.resolve("absent").toString(), null), "sb"));

        assertTrue(notFound.getMessage().contains("HTTP 404"), notFound.getMessage());
        assertTrue(badDigest.getMessage().contains("sha256: followed by 64 hex digits"), badDigest.getMessage());
        assertTrue(badScheme.getMessage().contains("unsupported artifact URI scheme"), badScheme.getMessage());
        assertTrue(noFile.getMessage().contains("does not exist"), noFile.getMessage());
    }

    @Test
    void pathAndFileUriShareCacheEntry() throws Exception {
        ArtifactResolver resolver = resolver(1 << 20);
        Path file = Files.write(dir.resolve("module.wasm"), MODULE);

        Path byPath = resolver.resolve(new SandboxArtifact(ArtifactType.WASM_MODULE, file.toString(), null), "a");
        Path byUri = resolver.resolve(new SandboxArtifact(ArtifactType.WASM_MODULE, file.toUri().toString(), null), "b");

        assertEquals(byPath, byUri);
        assertEquals(Digests.of(file), "sha256:" + byPath.getFileName());
    }

    @Test
    void cacheEvictsLeastRecentlyUsedBeyondSize() throws Exception {
        ArtifactResolver resolver = resolver(2500);
        Path first = resolve(resolver, "first", 1000);
        Path second = resolve(resolver, "second", 1000);
        resolve(resolver, "first", 1000);

        Path third = resolve(resolver, "third", 1000);

        assertTrue(Files.exists(first), "the recently used first artifact was evicted");
        assertFalse(Files.exists(second), "the least recently used second artifact was kept");
        assertTrue(Files.exists(third));
        assertEquals(2, resolver.cachedDigests().size());
    }

    private Path resolve(ArtifactResolver resolver, String name, int size) throws Exception {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            Files.write(file, (name + "x".repeat(size - name.length())).getBytes(StandardCharsets.UTF_8));
        }
        Path cached = resolver.resolve(new SandboxArtifact(ArtifactType.WASM_MODULE, file.toString(), null), name);
        // File modification times have a coarse granularity on some file systems; keep uses apart.
        Files.setLastModifiedTime(cached, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()
                + 1000L * counter.incrementAndGet()));
        return cached;
    }

    private ArtifactResolver resolver(long maxBytes) {
        return new ArtifactResolver(new ArtifactCache(dir.resolve("cache"), maxBytes, Clock.systemUTC()));
    }
}
