package io.boss.store.ratis;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the leader send followers its commit index soon after a write, through a read-index
 * round: the leader confirms its leadership with heartbeats, and heartbeats carry the commit
 * index.
 *
 * <p>A follower learns that an entry committed from the leader's next append request. While
 * writes keep coming, that is the next write's append. After the last write of a burst, it is the
 * heartbeat, half the minimum election timeout (500 ms) away. Without an announcement, a write
 * through a follower waited that long for its own replica to apply it. Every watch a follower
 * serves lagged as much.
 *
 * <p>A follower that waits to apply its own write announces at once. The leader announces only
 * once no write was submitted for {@link #QUIET}, because a round per write cost a third of the
 * leader's write throughput in the store benchmark, while a write that follows soon carries the
 * commit index anyway.
 */
final class CommitAnnouncer implements AutoCloseable {

    /** How long the leader waits for a further write before it announces. */
    static final Duration QUIET = Duration.ofMillis(5);

    private final Runnable readIndexRound;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService timer;

    /** @param readIndexRound starts a shared read-index round and does not wait for it */
    CommitAnnouncer(String replicaId, Runnable readIndexRound) {
        this.readIndexRound = readIndexRound;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "commit-announcer-" + replicaId);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Records that a write was submitted, which postpones a pending announcement. */
    void writeSubmitted() {
        submitted.incrementAndGet();
    }

    /** Announces now: for a follower that waits to apply a write the leader has committed. */
    void announceNow() {
        readIndexRound.run();
    }

    /** Announces once no write was submitted for {@link #QUIET}: for the leader after a write. */
    void announceWhenQuiet() {
        if (scheduled.compareAndSet(false, true)) {
            schedule(submitted.get());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void schedule(long submittedBefore) {
        try {
            timer.schedule(() -> announceIfQuiet(submittedBefore), QUIET.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed: nothing is left to announce to.
            scheduled.set(false);
        }
    }

    private void announceIfQuiet(long submittedBefore) {
        long now = submitted.get();
        if (now != submittedBefore) {
            schedule(now);
            return;
        }

        scheduled.set(false);
        readIndexRound.run();
    }
}
