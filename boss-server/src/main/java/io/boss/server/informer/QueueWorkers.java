package io.boss.server.informer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of threads that take keys from a {@link WorkQueue} and pass them to a
 * {@link Reconciler}. Because the queue never hands one key to two workers, a reconciler needs no
 * per-key locking.
 *
 * <p>{@link #stop()} shuts the queue down and waits for the workers to finish their current key.
 */
public final class QueueWorkers<K> {

    private static final Logger LOG = LoggerFactory.getLogger(QueueWorkers.class);
    private static final int WARN_AFTER_FAILURES = 5;

    private final String name;
    private final WorkQueue<K> queue;
    private final Reconciler<K> reconciler;
    private final int count;
    private final List<Thread> threads = new ArrayList<>();

    public QueueWorkers(String name, WorkQueue<K> queue, Reconciler<K> reconciler, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("worker count of " + name + " must be at least 1, got " + count);
        }
        this.name = name;
        this.queue = queue;
        this.reconciler = reconciler;
        this.count = count;
    }

    public synchronized void start() {
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(this::runWorker, name + "-worker-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Shuts the queue down and waits up to {@code timeout} for the workers to end. */
    public void stop(Duration timeout) throws InterruptedException {
        queue.shutDown();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Thread> running;
        synchronized (this) {
            running = List.copyOf(threads);
        }
        for (Thread thread : running) {
            long left = deadline - System.nanoTime();
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            if (thread.isAlive()) {
                thread.interrupt();
            }
        }
    }

    private void runWorker() {
        while (true) {
            K key;
            try {
                key = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            try {
                process(key);
            } finally {
                queue.done(key);
            }
        }
    }

    private void process(K key) {
        try {
            Reconciler.Result result = reconciler.reconcile(key);
            if (!result.requeue()) {
                queue.forget(key);
            } else if (result.requeueAfter().isZero()) {
                queue.addRateLimited(key);
            } else {
                queue.forget(key);
                queue.addAfter(key, result.requeueAfter());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            int failures = queue.failureCount(key) + 1;
            if (failures >= WARN_AFTER_FAILURES) {
                LOG.warn("{} failed to reconcile {} ({} failures in a row); retrying with backoff", name, key, failures, e);
            } else {
                LOG.debug("{} failed to reconcile {}; retrying with backoff", name, key, e);
            }
            queue.addRateLimited(key);
        }
    }
}
