package io.boss.store.ratis;

import io.boss.store.LeadershipListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Ratis leadership callbacks into {@link LeadershipListener} calls on one dedicated thread,
 * so listeners see elected/lost in the order they happened and never run on a Ratis thread.
 *
 * <p>{@code onLeaderElected} is sent only from {@link #leaderReady}, which Ratis calls once the
 * leader has applied the first entry of its term, so every earlier write is visible. Each
 * elected term is followed by exactly one lost call for the same term.
 */
final class LeadershipNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeadershipNotifier.class);

    private final String replicaId;
    private final List<LeadershipListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService thread;

    /** Term in which listeners were notified that this replica leads, or -1 when they were not. */
    private long electedTerm = -1;

    LeadershipNotifier(String replicaId) {
        this.replicaId = replicaId;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "leadership-" + replicaId);
            t.setDaemon(true);
            return t;
        });
    }

    void addListener(LeadershipListener listener) {
        listeners.add(listener);
    }

    void removeListener(LeadershipListener listener) {
        listeners.remove(listener);
    }

    /** This replica is leader of {@code term} and has applied the term's first entry. */
    synchronized void leaderReady(long term) {
        if (electedTerm == term) {
            return;
        }
        if (electedTerm >= 0) {
            leaderLost();
        }
        electedTerm = term;
        LOG.info("[{}] elected leader in term {}", replicaId, term);
        long electedIn = term;
        submit(() -> listeners.forEach(listener -> listener.onLeaderElected(electedIn)));
    }

    /** This replica stopped being leader, if it was one. */
    synchronized void leaderLost() {
        if (electedTerm < 0) {
            return;
        }
        long lostTerm = electedTerm;
        electedTerm = -1;
        LOG.info("[{}] lost leadership of term {}", replicaId, lostTerm);
        submit(() -> listeners.forEach(listener -> listener.onLeaderLost(lostTerm)));
    }

    /** Sends a final lost call if this replica is leader, then stops the notification thread. */
    @Override
    public void close() {
        leaderLost();
        thread.shutdown();
    }

    private void submit(Runnable notification) {
        thread.execute(() -> {
            try {
                notification.run();
            } catch (RuntimeException e) {
                LOG.warn("[{}] leadership listener failed", replicaId, e);
            }
        });
    }
}
