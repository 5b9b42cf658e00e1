package io.boss.store.ratis;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Shares read-index rounds among concurrent linearizable reads.
 *
 * <p>A read may only use a round that started after the read itself. So a read that arrives while
 * a round is in flight waits for the next one, which starts when the current one ends and serves
 * every read that queued meanwhile.
 */
final class ReadBarrier {

    private final Supplier<CompletableFuture<Long>> round;
    private boolean inFlight;
    private CompletableFuture<Long> next;

    /** @param round runs one read-index round and completes with the leader's applied revision */
    ReadBarrier(Supplier<CompletableFuture<Long>> round) {
        this.round = round;
    }

    /** Returns the revision a linearizable read started now must wait for locally. */
    CompletableFuture<Long> await() {
        CompletableFuture<Long> result;
        synchronized (this) {
            if (inFlight) {
                if (next == null) {
                    next = new CompletableFuture<>();
                }
                return next;
            }
            inFlight = true;
            result = new CompletableFuture<>();
        }
        start(result);
        return result;
    }

    private void start(CompletableFuture<Long> result) {
        CompletableFuture<Long> sent;
        try {
            sent = round.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((revision, failure) -> {
            CompletableFuture<Long> queued;
            synchronized (this) {
                queued = next;
                next = null;
                inFlight = queued != null;
            }
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(revision);
            }
            if (queued != null) {
                start(queued);
            }
        });
    }
}
