package io.boss.store.ratis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Futures waiting for this replica to apply a revision. The apply thread calls
 * {@link #advance}; completions run on that thread, so callers chain their work with an
 * {@code *Async} stage when it is not trivial.
 */
final class RevisionWaiters {

    private final TreeMap<Long, List<CompletableFuture<Long>>> waiting = new TreeMap<>();
    private long appliedRevision;

    /** Returns a future completing once {@code revision} is applied; already done if it is. */
    synchronized CompletableFuture<Long> await(long revision) {
        if (revision <= appliedRevision) {
            return CompletableFuture.completedFuture(appliedRevision);
        }
        CompletableFuture<Long> future = new CompletableFuture<>();
        waiting.computeIfAbsent(revision, r -> new ArrayList<>()).add(future);
        return future;
    }

    /** Records {@code revision} as applied and completes every waiter up to it. */
    void advance(long revision) {
        List<CompletableFuture<Long>> ready = new ArrayList<>();
        synchronized (this) {
            if (revision <= appliedRevision) {
                return;
            }
            appliedRevision = revision;
            Map<Long, List<CompletableFuture<Long>>> due = waiting.headMap(revision, true);
            due.values().forEach(ready::addAll);
            due.clear();
        }
        ready.forEach(future -> future.complete(revision));
    }

    /** Forgets a waiter that timed out, so the map does not grow with abandoned futures. */
    synchronized void cancel(long revision, CompletableFuture<Long> future) {
        List<CompletableFuture<Long>> futures = waiting.get(revision);
        if (futures != null && futures.remove(future) && futures.isEmpty()) {
            waiting.remove(revision);
        }
    }
}
