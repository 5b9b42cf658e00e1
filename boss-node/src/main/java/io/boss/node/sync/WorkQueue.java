package io.boss.node.sync;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A queue of keys to reconcile, in the manner of client-go's work queue: a key added several
 * times before a worker takes it is handed out once, and a key is never handed to two workers at
 * once. A key added while a worker holds it is handed out again after {@link #done}.
 *
 * <p>Thread-safe. {@link #take} blocks until a key is ready or the queue shuts down.
 */
public final class WorkQueue<K> implements AutoCloseable {

    private final LinkedHashSet<K> ready = new LinkedHashSet<>();
    private final Set<K> processing = new HashSet<>();
    private final Set<K> dirtyWhileProcessing = new HashSet<>();
    private final ScheduledExecutorService delays;
    private boolean shutDown;

    public WorkQueue(String name) {
        this.delays = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name + "-delays");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Adds the key now; a no-op when it is already waiting. */
    public synchronized void add(K key) {
        if (shutDown) {
            return;
        }
        if (processing.contains(key)) {
            dirtyWhileProcessing.add(key);
            return;
        }
        if (ready.add(key)) {
            notifyAll();
        }
    }

    /** Adds the key once the delay has passed. */
    public void addAfter(K key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        synchronized (this) {
            if (shutDown) {
                return;
            }
        }
        delays.schedule(() -> add(key), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the next key; empty once the queue is shut down. The caller must call {@link #done}. */
    public synchronized Optional<K> take() throws InterruptedException {
        while (ready.isEmpty() && !shutDown) {
            wait();
        }
        if (shutDown) {
            return Optional.empty();
        }
        K key = ready.iterator().next();
        ready.remove(key);
        processing.add(key);
        return Optional.of(key);
    }

    /** Releases a key taken by {@link #take}, queuing it again when it was added meanwhile. */
    public synchronized void done(K key) {
        processing.remove(key);
        if (dirtyWhileProcessing.remove(key) && !shutDown) {
            ready.add(key);
            notifyAll();
        }
    }

    /** Returns the number of keys waiting for a worker. */
    public synchronized int size() {
        return ready.size();
    }

    /** Wakes every waiting worker with an empty result and drops the queued keys. */
    @Override
    public void close() {
        synchronized (this) {
            shutDown = true;
            ready.clear();
            dirtyWhileProcessing.clear();
            notifyAll();
        }
        delays.shutdownNow();
    }
}
