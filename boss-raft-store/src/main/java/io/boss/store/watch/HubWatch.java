package io.boss.store.watch;

import io.boss.store.StoreException;
import io.boss.store.Watch;
import io.boss.store.WatchEvent;
import io.boss.store.WatchListener;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watch of a {@link WatchHub}: a bounded queue of pending events and the delivery loop that
 * drains it into the listener.
 *
 * <p>At most one delivery task runs per watch at a time, so events reach the listener in the order
 * they were queued. The queue limit is the replayed event count plus the hub's buffer size; a
 * watch that would exceed it is ended with {@code EXPIRED} and its pending events are dropped.
 */
final class HubWatch implements Watch {

    private static final Logger LOG = LoggerFactory.getLogger(HubWatch.class);

    private final WatchHub hub;
    private final String replicaId;
    private final String prefix;
    private final long startRevision;
    private final WatchListener listener;
    private final Executor deliveryPool;

    private final Object lock = new Object();
    private final ArrayDeque<WatchEvent> pending = new ArrayDeque<>();
    private int limit;
    private long nextRevision;
    private boolean ending;
    private boolean closeDelivered;
    private StoreException closeCause;
    private boolean draining;

    private volatile long lastDeliveredRevision;

    HubWatch(WatchHub hub, String replicaId, String prefix, long startRevision, WatchListener listener, Executor deliveryPool) {
        this.hub = hub;
        this.replicaId = replicaId;
        this.prefix = prefix;
        this.startRevision = startRevision;
        this.listener = listener;
        this.deliveryPool = deliveryPool;
        this.nextRevision = startRevision;
        this.lastDeliveredRevision = startRevision - 1;
    }

    @Override
    public long lastDeliveredRevision() {
        return lastDeliveredRevision;
    }

    @Override
    public void close() {
        end(null);
    }

    /** Revision of the next event this watch waits for. */
    long nextRevision() {
        synchronized (lock) {
            return nextRevision;
        }
    }

    void begin(List<WatchEvent> replay, int maxPending) {
        synchronized (lock) {
            limit = maxPending;
            pending.addAll(replay);
            if (!replay.isEmpty()) {
                nextRevision = replay.get(replay.size() - 1).revision() + 1;
            }
            scheduleDelivery();
        }
    }

    void offer(List<WatchEvent> events) {
        synchronized (lock) {
            if (ending) {
                return;
            }
            int added = 0;
            for (WatchEvent event : events) {
                if (event.revision() >= startRevision && event.entry().key().startsWith(prefix)) {
                    pending.addLast(event);
                    added++;
                }
            }
            nextRevision = Math.max(nextRevision, events.get(events.size() - 1).revision() + 1);
            if (added == 0) {
                return;
            }
            if (pending.size() > limit) {
                LOG.info("[{}] dropping watch of prefix {} at revision {}: {} events pending exceed the limit of {}",
                        replicaId, prefix, lastDeliveredRevision, pending.size(), limit);
                endLocked(new StoreException(StoreException.Reason.EXPIRED, null,
                        "watch fell behind by more than " + limit + " events on replica " + replicaId
                                + ": watch again from revision " + (lastDeliveredRevision + 1)));
                return;
            }
            scheduleDelivery();
        }
    }

    /** Ends the watch: drops pending events and delivers {@code onClosed(cause)} once. */
    void end(StoreException cause) {
        synchronized (lock) {
            endLocked(cause);
        }
    }

    private void endLocked(StoreException cause) {
        if (ending) {
            return;
        }
        ending = true;
        closeCause = cause;
        pending.clear();
        hub.remove(this);
        scheduleDelivery();
    }

    private void scheduleDelivery() {
        if (draining || (pending.isEmpty() && !ending)) {
            return;
        }
        draining = true;
        try {
            deliveryPool.execute(this::deliver);
        } catch (RejectedExecutionException e) {
            draining = false;
            LOG.debug("[{}] watch delivery pool is shut down; watch of prefix {} gets no more events", replicaId, prefix);
        }
    }

    private void deliver() {
        while (true) {
            WatchEvent event;
            synchronized (lock) {
                event = pending.pollFirst();
                if (event == null) {
                    if (!ending || closeDelivered) {
                        draining = false;
                        return;
                    }
                    closeDelivered = true;
                }
            }
            if (event == null) {
                notifyClosed();
                continue;
            }
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("[{}] watch listener of prefix {} failed on revision {}; delivery continues",
                        replicaId, prefix, event.revision(), e);
            }
            lastDeliveredRevision = event.revision();
        }
    }

    private void notifyClosed() {
        try {
            listener.onClosed(closeCause);
        } catch (RuntimeException e) {
            LOG.warn("[{}] watch listener of prefix {} failed in onClosed", replicaId, prefix, e);
        }
    }
}
