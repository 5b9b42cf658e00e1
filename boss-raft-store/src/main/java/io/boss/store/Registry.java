package io.boss.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A versioned key-value registry replicated over a Raft group: the contract the API server,
 * controllers and tests rely on. Values are opaque bytes; the store knows nothing about what
 * they encode.
 *
 * <p>Writes may be sent through any replica: a follower forwards them to the leader through Ratis.
 * A write's future completes once the batch is committed by a majority and applied on this
 * replica, so a following {@link ReadConsistency#LOCAL} read on the same replica sees it. Futures
 * fail with {@link StoreException}.
 *
 * <p>Thread safety: every method may be called from any thread.
 */
public interface Registry extends AutoCloseable {

    /** Applies {@code operations} atomically: all at one new revision, or none. */
    CompletableFuture<WriteResult> commit(List<Operation> operations);

    /** Reads one key; completes with null when it is absent. */
    CompletableFuture<KeyValue> get(String key, ReadConsistency consistency);

    /** Lists every key starting with {@code prefix}, sorted by key, at one revision. */
    CompletableFuture<ListResult> list(String prefix, ReadConsistency consistency);

    /**
     * Completes once this replica has applied {@code revision} (immediately if it has), so a
     * following local read is at least that new; fails with {@code TIMEOUT} after {@code timeout}.
     */
    CompletableFuture<Long> awaitRevision(long revision, Duration timeout);

    /**
     * Watches keys under {@code prefix}, delivering every event with a revision of at least
     * {@code fromRevision} (replayed from history, then live), each once and in order. A
     * {@code fromRevision} of 0 starts after the current revision. If {@code fromRevision} is
     * older than the history window, the listener's {@code onClosed} gets {@code EXPIRED}.
     */
    Watch watch(String prefix, long fromRevision, WatchListener listener);

    /** Highest revision applied on this replica. */
    long currentRevision();

    /** Oldest revision a watch can still start from on this replica. */
    long oldestWatchableRevision();

    /** This replica's id in the Raft group. */
    String replicaId();

    boolean isLeader();

    /** Current Raft term as known to this replica. */
    long currentTerm();

    /** Id of the current leader, or null while none is known. */
    String leaderId();

    /** Every replica of the group with its role and, where known, its indexes. */
    List<ReplicaInfo> replicas();

    void addLeadershipListener(LeadershipListener listener);

    void removeLeadershipListener(LeadershipListener listener);

    @Override
    void close();
}
