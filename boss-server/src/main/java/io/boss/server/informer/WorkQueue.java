package io.boss.server.informer;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A queue of keys to reconcile, in the manner of client-go's rate-limited work queue.
 *
 * <ul>
 *   <li>A key is queued at most once: adding a queued key does nothing.</li>
 *   <li>A key handed out by {@link #take()} is not handed out again until {@link #done} is called
 *       for it; if it is added meanwhile, it is queued again when {@code done} is called. So two
 *       workers never process the same key at once.</li>
 *   <li>{@link #addRateLimited} re-adds a key after {@code baseDelay * 2^failures}, capped at
 *       {@code maxDelay}; {@link #forget} resets the failure count after a success.</li>
 *   <li>{@link #addAfter} adds a key once a delay has passed.</li>
 *   <li>{@link #shutDown} wakes every waiting {@link #take()}, which then returns null; later adds
 *       are ignored.</li>
 * </ul>
 *
 * <p>Thread safety: every method may be called from any thread. Delayed adds run on one daemon
 * timer thread per queue.
 */
public final class WorkQueue<K> {

    private final Duration baseDelay;
    private final Duration maxDelay;
    private final LinkedHashSet<K> queue = new LinkedHashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final Set<K> dirtyWhileProcessing = new HashSet<>();
    private final Map<K, Integer> failures = new HashMap<>();
    private final ScheduledExecutorService timer;
    private boolean shuttingDown;

    /**
     * @param name      short name used for the timer thread
     * @param baseDelay delay of the first rate-limited retry
     * @param maxDelay  maximum delay of a rate-limited retry
     */
    public WorkQueue(String name, Duration baseDelay, Duration maxDelay) {
        if (baseDelay.isNegative() || baseDelay.isZero() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("invalid backoff for queue " + name + ": baseDelay " + baseDelay
                    + " must be positive and at most maxDelay " + maxDelay);
        }
        this.baseDelay = baseDelay;
        this.maxDelay = maxDelay;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "workqueue-timer-" + name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues {@code key} unless it is already queued; a key being processed is queued again on {@link #done}. */
    public synchronized void add(K key) {
        if (shuttingDown) {
            return;
        }
        if (processing.contains(key)) {
            dirtyWhileProcessing.add(key);
            return;
        }
        if (queue.add(key)) {
            notify();
        }
    }

    /** Queues {@code key} after {@code delay}; a zero or negative delay queues it now. */
    public void addAfter(K key, Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            add(key);
            return;
        }
        synchronized (this) {
            if (shuttingDown) {
                return;
            }
        }
        timer.schedule(() -> add(key), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Queues {@code key} after its exponential backoff and counts one more failure for it. */
    public void addRateLimited(K key) {
        addAfter(key, nextBackoff(key));
    }

    /** Clears the failure count of {@code key}, so its next rate-limited add waits {@code baseDelay}. */
    public synchronized void forget(K key) {
        failures.remove(key);
    }

    /** Returns how many rate-limited adds of {@code key} happened since it was last forgotten. */
    public synchronized int failureCount(K key) {
        return failures.getOrDefault(key, 0);
    }

    /**
     * Waits for a key and marks it as being processed. Returns null once the queue is shut down.
     * Every key returned must be passed to {@link #done} when its processing ends.
     */
    public synchronized K take() throws InterruptedException {
        while (queue.isEmpty() && !shuttingDown) {
            wait();
        }
        if (shuttingDown) {
            return null;
        }
        K key = queue.iterator().next();
        queue.remove(key);
        processing.add(key);
        return key;
    }

    /** Ends the processing of {@code key}, queueing it again if it was added meanwhile. */
    public synchronized void done(K key) {
        processing.remove(key);
        if (dirtyWhileProcessing.remove(key) && !shuttingDown) {
            queue.add(key);
            notify();
        }
    }

    public synchronized int size() {
        return queue.size();
    }

    public synchronized boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Stops the queue: waiting and later {@link #take()} calls return null, adds are ignored. */
    public void shutDown() {
        synchronized (this) {
            shuttingDown = true;
            queue.clear();
            dirtyWhileProcessing.clear();
            notifyAll();
        }
        timer.shutdownNow();
    }

    private synchronized Duration nextBackoff(K key) {
        int count = failures.merge(key, 1, Integer::sum);
        Duration delay = baseDelay;
        for (int i = 1; i < count && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
