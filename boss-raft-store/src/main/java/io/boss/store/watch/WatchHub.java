package io.boss.store.watch;

import io.boss.store.StoreException;
import io.boss.store.Watch;
import io.boss.store.WatchEvent;
import io.boss.store.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the events of applied entries out to the watches of one replica and keeps a bounded window
 * of recent events, so a watch can start at a past revision.
 *
 * <p>Threading: {@link #publish} and {@link #reset} run on the Ratis apply thread and only enqueue.
 * Each watcher's events are delivered by a pooled thread that serves that watcher alone while it
 * has events, so a slow listener delays only itself. Pool threads end after a minute idle.
 *
 * <p>Ordering: registration and publishing share this hub's monitor, so until it ends, a watch
 * gets every matching event with a revision of at least its start revision exactly once, whether
 * from the replayed history or live.
 */
public final class WatchHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WatchHub.class);

    private final String replicaId;
    private final int historySize;
    private final int bufferSize;
    private final ExecutorService deliveryPool;
    private final ArrayDeque<WatchEvent> history = new ArrayDeque<>();
    private final Set<HubWatch> watches = ConcurrentHashMap.newKeySet();

    private long lastRevision;
    private long oldestWatchableRevision = 1;
    private boolean closed;

    /**
     * @param historySize events kept for watches that start in the past
     * @param bufferSize  events a watcher may have pending beyond its replay before it is dropped
     */
    public WatchHub(String replicaId, int historySize, int bufferSize) {
        this.replicaId = replicaId;
        this.historySize = historySize;
        this.bufferSize = bufferSize;
        AtomicInteger threadNumber = new AtomicInteger();
        this.deliveryPool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
                new SynchronousQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "watch-" + replicaId + "-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Starts a watch of keys under {@code prefix} from {@code fromRevision} (0: after the last
     * published revision). A start older than the history window closes the watch at once with
     * {@code EXPIRED}.
     */
    public synchronized Watch watch(String prefix, long fromRevision, WatchListener listener) {
        long start = fromRevision == 0 ? lastRevision + 1 : fromRevision;
        HubWatch watch = new HubWatch(this, replicaId, prefix, start, listener, deliveryPool);
        if (closed) {
            watch.end(new StoreException(StoreException.Reason.CLOSED, null, "the store on replica " + replicaId + " is closed"));
            return watch;
        }
        if (start < oldestWatchableRevision) {
            watch.end(expired(start));
            return watch;
        }

        List<WatchEvent> replay = new ArrayList<>();
        for (WatchEvent event : history) {
            if (event.revision() >= start && event.entry().key().startsWith(prefix)) {
                replay.add(event);
            }
        }
        watch.begin(replay, replay.size() + bufferSize);
        watches.add(watch);
        LOG.debug("[{}] watch of prefix {} started from revision {} with {} replayed events", replicaId, prefix, start, replay.size());
        return watch;
    }

    /** Records the events of one applied revision and hands them to every matching watch. */
    public synchronized void publish(long revision, List<WatchEvent> events) {
        lastRevision = revision;
        if (events.isEmpty()) {
            return;
        }
        for (WatchEvent event : events) {
            history.addLast(event);
        }
        while (history.size() > historySize) {
            oldestWatchableRevision = history.removeFirst().revision() + 1;
        }
        for (HubWatch watch : watches) {
            watch.offer(events);
        }
    }

    /**
     * Restarts the history after the state was replaced by a snapshot at {@code revision}: the
     * window becomes empty, and watches still waiting for older revisions end with {@code EXPIRED}.
     */
    public synchronized void reset(long revision) {
        history.clear();
        lastRevision = revision;
        oldestWatchableRevision = revision + 1;
        for (HubWatch watch : watches) {
            if (watch.nextRevision() <= revision) {
                watch.end(new StoreException(StoreException.Reason.EXPIRED, null,
                        "replica " + replicaId + " installed a snapshot at revision " + revision
                                + " past this watch's revision " + watch.nextRevision() + ": list again and watch from the list's revision"));
            }
        }
    }

    /** Oldest revision a new watch may start from. */
    public synchronized long oldestWatchableRevision() {
        return oldestWatchableRevision;
    }

    /** Number of watches that are delivering events. */
    public int activeWatchCount() {
        return watches.size();
    }

    /** Ends every watch with {@code CLOSED} and stops the delivery threads once they drain. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        StoreException cause = new StoreException(StoreException.Reason.CLOSED, null, "the store on replica " + replicaId + " is closed");
        for (HubWatch watch : watches) {
            watch.end(cause);
        }
        deliveryPool.shutdown();
    }

    void remove(HubWatch watch) {
        watches.remove(watch);
    }

    private StoreException expired(long start) {
        return new StoreException(StoreException.Reason.EXPIRED, null,
                "revision " + start + " is older than the oldest watchable revision " + oldestWatchableRevision
                        + " on replica " + replicaId + ": list again and watch from the list's revision");
    }
}
