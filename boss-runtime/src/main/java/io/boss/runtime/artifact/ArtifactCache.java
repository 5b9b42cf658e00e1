package io.boss.runtime.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node-local, content-addressed store of artifact files: {@code <dir>/sha256/<64 hex digits>}.
 * A file enters the cache only after its digest was computed from its bytes, so a cached file's
 * name is its digest. Each use sets the file's modification time, and when the total size passes
 * {@code maxBytes} the least recently used files are deleted until it fits again.
 *
 * <p>Eviction may delete a file that a running sandbox opened; on Linux the open file stays
 * readable, and the next resolution of that artifact fetches it again.
 *
 * <p>Threading: thread-safe; additions and evictions hold the cache's lock.
 */
public final class ArtifactCache {

    private static final Logger LOG = LoggerFactory.getLogger(ArtifactCache.class);
    private static final String SHA256_PREFIX = "sha256:";

    private final Path dir;
    private final Path blobs;
    private final long maxBytes;
    private final Clock clock;

    /**
     * @param dir the cache's directory, created when missing
     * @param maxBytes the total size above which least recently used files are evicted
     */
    public ArtifactCache(Path dir, long maxBytes, Clock clock) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("artifact cache size must be positive, got " + maxBytes + " bytes");
        }
        this.dir = dir;
        this.blobs = dir.resolve("sha256");
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** Returns the cache's directory. */
    public Path dir() {
        return dir;
    }

    /** Returns the directory for files being downloaded, on the cache's file system so a move is atomic. */
    Path incomingDir() throws IOException {
        Path incoming = dir.resolve("incoming");
        Files.createDirectories(incoming);
        return incoming;
    }

    /** Returns the cached file with that digest ({@code sha256:<hex>}), marking it as used, or empty. */
    public synchronized Optional<Path> find(String digest) {
        Path file = blobs.resolve(hexOf(digest));
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        touch(file);
        return Optional.of(file);
    }

    /**
     * Moves a file whose digest the caller computed from its bytes into the cache, then evicts
     * least recently used files until the cache fits. The added file itself is never evicted.
     * Returns the cached file.
     */
    public synchronized Path add(Path file, String digest) throws IOException {
        Files.createDirectories(blobs);
        Path target = blobs.resolve(hexOf(digest));
        if (Files.isRegularFile(target)) {
            Files.deleteIfExists(file);
        } else {
            try {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.info("Artifact cached digest={} bytes={}", digest, Files.size(target));
        }
        touch(target);
        evictBeyondLimit(target);
        return target;
    }

    /** Returns the digests of all cached files, sorted, as {@code sha256:<hex>}. */
    public synchronized List<String> digests() {
        List<String> digests = new ArrayList<>();
        for (Path file : files()) {
            digests.add(SHA256_PREFIX + file.getFileName());
        }
        digests.sort(null);
        return digests;
    }

    /** Returns the total size of the cached files in bytes. */
    public synchronized long sizeBytes() {
        long total = 0;
        for (Path file : files()) {
            total += sizeOf(file);
        }
        return total;
    }

    private void evictBeyondLimit(Path keep) throws IOException {
        List<Path> files = files();
        long total = files.stream().mapToLong(ArtifactCache::sizeOf).sum();
        if (total <= maxBytes) {
            return;
        }
        files.sort(Comparator.comparing(ArtifactCache::lastUsed));
        for (Path file : files) {
            if (total <= maxBytes) {
                break;
            }
            if (file.equals(keep)) {
                continue;
            }
            long size = sizeOf(file);
            Files.deleteIfExists(file);
            total -= size;
            LOG.info("Artifact evicted digest={}{} bytes={} cacheBytes={} maxBytes={}", SHA256_PREFIX,
                    file.getFileName(), size, total, maxBytes);
        }
    }

    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(blobs)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(blobs, Files::isRegularFile)) {
            entries.forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the artifact cache " + blobs, e);
        }
        return files;
    }

    private void touch(Path file) {
        try {
            Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
        } catch (IOException e) {
            LOG.debug("Cannot mark artifact {} as used: {}", file, e.getMessage());
        }
    }

    private static FileTime lastUsed(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String hexOf(String digest) {
        if (!Digests.isValid(digest)) {
            throw new IllegalArgumentException(Digests.invalidMessage(digest));
        }
        return digest.substring(SHA256_PREFIX.length()).toLowerCase(java.util.Locale.ROOT);
    }
}
