package io.boss.node.sync;

import io.boss.api.model.Pod;
import io.boss.node.sync.PodStatusWriter.StaleResourceVersionException;
import io.boss.runtime.SandboxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the pod sync: a work queue of pod uids fed by pod events and by a poller of the
 * providers, drained by a fixed number of workers that call {@link PodReconciler}.
 *
 * <p>{@link #start} is the recovery step: it takes the pods bound to this node, lists what the
 * providers hold, and queues both sets, so running sandboxes of bound pods are adopted and those
 * of any other pod are torn down before anything new is started for them. Pod events may arrive
 * from any thread; workers and the poller run on threads of their own.
 */
public final class PodSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PodSync.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    private static final Duration STALE_RETRY = Duration.ofMillis(100);
    private static final Duration FULL_RESYNC = Duration.ofSeconds(30);

    private final PodReconciler reconciler;
    private final DesiredPods desired;
    private final SandboxPoller poller;
    private final int workerCount;
    private final Duration pollInterval;
    private final WorkQueue<String> queue = new WorkQueue<>("pod-sync");
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private ScheduledExecutorService pollerThread;
    private long lastFullResyncNanos;

    public PodSync(PodReconciler reconciler, DesiredPods desired, SandboxInventory inventory, int workerCount,
            Duration pollInterval) {
        this.reconciler = reconciler;
        this.desired = desired;
        this.poller = new SandboxPoller(inventory, queue::add);
        this.workerCount = workerCount;
        this.pollInterval = pollInterval;
    }

    /** Loads the bound pods and the providers' sandboxes, queues every uid of both, and starts the workers. */
    public synchronized void start(Collection<Pod> boundPods) {
        desired.replaceAll(boundPods);
        poller.poll();
        poller.knownUids().forEach(queue::add);
        desired.boundUids().forEach(queue::add);
        LOG.info("pod sync starting boundPods={} podsWithSandboxes={} workers={}", boundPods.size(),
                poller.knownUids().size(), workerCount);

        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(this::work, "pod-sync-worker-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        lastFullResyncNanos = System.nanoTime();
        pollerThread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pod-sync-poller");
            thread.setDaemon(true);
            return thread;
        });
        pollerThread.scheduleWithFixedDelay(this::pollOnce, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Records an added or changed pod bound to this node. */
    public void onUpsert(Pod pod) {
        queue.add(desired.upsert(pod));
    }

    /** Records a pod that was deleted or is no longer bound to this node. */
    public void onDelete(Pod pod) {
        queue.add(desired.remove(pod));
    }

    /** Replaces the bound pods after a re-list, queuing every pod that changed or left. */
    public void onResync(Collection<Pod> boundPods) {
        desired.replaceAll(boundPods).forEach(queue::add);
    }

    /**
     * Stops the workers, the poller and the reconciler's timer. Running sandboxes are left running
     * for the next agent.
     */
    @Override
    public synchronized void close() {
        if (pollerThread != null) {
            pollerThread.shutdownNow();
        }
        queue.close();
        for (Thread worker : workers) {
            worker.interrupt();
        }
        for (Thread worker : workers) {
            try {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workers.clear();
        reconciler.close();
    }

    private void pollOnce() {
        try {
            poller.poll();
            if (System.nanoTime() - lastFullResyncNanos >= FULL_RESYNC.toNanos()) {
                lastFullResyncNanos = System.nanoTime();
                desired.boundUids().forEach(queue::add);
            }
        } catch (RuntimeException e) {
            LOG.warn("polling providers failed: {}", e.toString());
        }
    }

    private void work() {
        while (true) {
            Optional<String> next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (next.isEmpty()) {
                return;
            }
            String uid = next.get();
            try {
                reconcileOnce(uid);
            } finally {
                queue.done(uid);
            }
        }
    }

    private void reconcileOnce(String uid) {
        try {
            Optional<Duration> again = reconciler.reconcile(uid);
            failures.remove(uid);
            again.ifPresent(delay -> queue.addAfter(uid, delay));
        } catch (StaleResourceVersionException e) {
            LOG.debug("status write lost a race, reconciling again podUid={}: {}", uid, e.getMessage());
            queue.addAfter(uid, STALE_RETRY);
        } catch (SandboxException | RuntimeException e) {
            int attempt = failures.merge(uid, 1, Integer::sum);
            Duration delay = retryDelay(attempt);
            LOG.warn("reconcile failed podUid={} attempt={} retryIn={}ms: {}", uid, attempt, delay.toMillis(),
                    e.toString());
            queue.addAfter(uid, delay);
        }
    }

    private static Duration retryDelay(int attempt) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(attempt - 1, 10));
        return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
    }
}
