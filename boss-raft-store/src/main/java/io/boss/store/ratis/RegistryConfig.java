package io.boss.store.ratis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of one replica of the registry group. Every peer of the group must be started with the
 * same {@code peers} map; {@code replicaId} selects this replica's entry in it.
 *
 * @param replicaId          id of this replica, a key of {@code peers}
 * @param peers              every replica id mapped to its Raft address {@code host:port}, in a stable order
 * @param dataDirectory      directory holding this replica's Raft log and snapshots
 * @param snapshotThreshold  applied log entries between automatic snapshots (default 10,000)
 * @param requestTimeout     bound on a write or linearizable read before it fails with {@code NO_QUORUM} (default 5 s)
 * @param watchHistorySize   events kept for watches that start in the past (default 20,000)
 * @param watchBufferSize    events a watcher may fall behind live traffic before it is dropped (default 10,000)
 * @param maxValueBytes      largest value a write may carry (default 1 MiB)
 * @param logSegmentBytes    size at which a Raft log segment is closed; purging after a snapshot
 *                           removes whole closed segments only (default 8 MiB)
 */
public record RegistryConfig(
        String replicaId,
        Map<String, String> peers,
        Path dataDirectory,
        long snapshotThreshold,
        Duration requestTimeout,
        int watchHistorySize,
        int watchBufferSize,
        int maxValueBytes,
        long logSegmentBytes) {

    public static final long DEFAULT_SNAPSHOT_THRESHOLD = 10_000;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_WATCH_HISTORY_SIZE = 20_000;
    public static final int DEFAULT_WATCH_BUFFER_SIZE = 10_000;
    public static final int DEFAULT_MAX_VALUE_BYTES = 1 << 20;
    public static final long DEFAULT_LOG_SEGMENT_BYTES = 8L << 20;

    public RegistryConfig {
        Objects.requireNonNull(replicaId, "replicaId is missing");
        Objects.requireNonNull(peers, "peers is missing");
        Objects.requireNonNull(dataDirectory, "dataDirectory is missing");
        Objects.requireNonNull(requestTimeout, "requestTimeout is missing");
        peers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(peers));

        if (!peers.containsKey(replicaId)) {
            throw new IllegalArgumentException(
                    "replicaId " + replicaId + " is not one of the peers " + peers.keySet() + ": add it to peers");
        }
        peers.forEach(RegistryConfig::checkAddress);
        requirePositive("snapshotThreshold", snapshotThreshold);
        requirePositive("requestTimeout in milliseconds", requestTimeout.toMillis());
        requirePositive("watchHistorySize", watchHistorySize);
        requirePositive("watchBufferSize", watchBufferSize);
        requirePositive("maxValueBytes", maxValueBytes);
        if (logSegmentBytes < 1024) {
            throw new IllegalArgumentException("logSegmentBytes must be at least 1024, got " + logSegmentBytes);
        }
    }

    /** Creates a config with every tunable setting at its default. */
    public static RegistryConfig withDefaults(String replicaId, Map<String, String> peers, Path dataDirectory) {
        return new RegistryConfig(replicaId, peers, dataDirectory, DEFAULT_SNAPSHOT_THRESHOLD,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_WATCH_HISTORY_SIZE, DEFAULT_WATCH_BUFFER_SIZE,
                DEFAULT_MAX_VALUE_BYTES, DEFAULT_LOG_SEGMENT_BYTES);
    }

    public RegistryConfig withSnapshotThreshold(long entries) {
        return new RegistryConfig(replicaId, peers, dataDirectory, entries, requestTimeout,
                watchHistorySize, watchBufferSize, maxValueBytes, logSegmentBytes);
    }

    public RegistryConfig withRequestTimeout(Duration timeout) {
        return new RegistryConfig(replicaId, peers, dataDirectory, snapshotThreshold, timeout,
                watchHistorySize, watchBufferSize, maxValueBytes, logSegmentBytes);
    }

    public RegistryConfig withWatchHistorySize(int events) {
        return new RegistryConfig(replicaId, peers, dataDirectory, snapshotThreshold, requestTimeout,
                events, watchBufferSize, maxValueBytes, logSegmentBytes);
    }

    public RegistryConfig withWatchBufferSize(int events) {
        return new RegistryConfig(replicaId, peers, dataDirectory, snapshotThreshold, requestTimeout,
                watchHistorySize, events, maxValueBytes, logSegmentBytes);
    }

    public RegistryConfig withLogSegmentBytes(long bytes) {
        return new RegistryConfig(replicaId, peers, dataDirectory, snapshotThreshold, requestTimeout,
                watchHistorySize, watchBufferSize, maxValueBytes, bytes);
    }

    /** Raft address of this replica. */
    public String raftAddress() {
        return peers.get(replicaId);
    }

    /** Host part of this replica's Raft address: the Netty server binds only this address. */
    public String raftHost() {
        String address = raftAddress();
        String host = address.substring(0, address.lastIndexOf(':'));
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Port part of this replica's Raft address. */
    public int raftPort() {
        String address = raftAddress();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static void checkAddress(String id, String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        boolean valid = colon > 0;
        if (valid) {
            try {
                int port = Integer.parseInt(address.substring(colon + 1));
                valid = port > 0 && port <= 65_535;
            } catch (NumberFormatException e) {
                valid = false;
            }
        }
        if (!valid) {
            throw new IllegalArgumentException(
                    "peer " + id + " has invalid Raft address '" + address + "': expected host:port with a port in 1-65535");
        }
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
