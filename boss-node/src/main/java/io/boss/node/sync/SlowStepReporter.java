package io.boss.node.sync;

import io.boss.api.json.Serialization;
import io.boss.api.model.Pod;
import io.boss.api.model.PodStatus;
import io.boss.node.sync.PodStatusWriter.StaleResourceVersionException;
import io.boss.runtime.SandboxException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a provider step of a pod's sandbox and writes a transitional pod status (such as
 * sandboxState Preparing) only when the step is still running after {@link #REPORT_DELAY}. Most
 * steps end well within it, so a fast start costs no extra status write, while a slow artifact
 * download or launch is visible in the API.
 *
 * <p>Threading: {@link #run} is called by a sync worker and blocks for the step. The status write
 * runs on this reporter's timer thread, and {@link #run} waits for a write in progress before it
 * returns, so the caller's next write starts from the pod that write stored.
 */
final class SlowStepReporter implements AutoCloseable {

    /**
     * How long a step may run before its transitional state is written. Each status write is a Raft
     * write. One second is an estimate: well above a local process start (a few milliseconds on the
     * test host), yet short enough for a user watching the pod.
     */
    static final Duration REPORT_DELAY = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(SlowStepReporter.class);

    /** One provider call that may block. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws SandboxException;
    }

    private final PodStatusWriter statusWriter;
    private final DesiredPods desired;
    private final Duration reportDelay;
    private final ScheduledExecutorService timer;

    SlowStepReporter(PodStatusWriter statusWriter, DesiredPods desired, Duration reportDelay) {
        this.statusWriter = statusWriter;
        this.desired = desired;
        this.reportDelay = reportDelay;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "pod-sync-step-reporter");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs the step. When it is still running after the report delay, writes the status that
     * {@code statusDuringStep} derives from the pod's current status, and stores the written pod
     * in {@code pod}.
     */
    <T> T run(AtomicReference<Pod> pod, UnaryOperator<PodStatus> statusDuringStep, Step<T> step)
            throws SandboxException {
        ScheduledFuture<?> report;
        try {
            report = timer.schedule(() -> writeQuietly(pod, statusDuringStep), reportDelay.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // The agent is closing: run the step without a transitional write.
            return step.run();
        }
        try {
            return step.run();
        } finally {
            report.cancel(false);
            awaitWriteInProgress(report);
        }
    }

    /**
     * Writes the status that {@code update} derives from the pod's current status, and stores the
     * written pod in {@code pod}. A failed write is logged and skipped, because the status is
     * transitional and the caller's next write reports the outcome.
     */
    void writeQuietly(AtomicReference<Pod> pod, UnaryOperator<PodStatus> update) {
        Pod current = pod.get();
        PodStatus status = update.apply(current.getStatus());
        if (status.equals(current.getStatus())) {
            return;
        }

        Pod changed = Serialization.copy(current);
        changed.setStatus(status);
        try {
            statusWriter.writeStatus(changed).ifPresent(stored -> {
                desired.upsert(stored);
                pod.set(stored);
            });
        } catch (StaleResourceVersionException e) {
            LOG.debug("transitional status write lost a race pod={} sandboxState={}: {}", current.key(),
                    status.getSandboxState(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("transitional status write failed pod={} sandboxState={}: {}", current.key(),
                    status.getSandboxState(), e.toString());
        }
    }

    private static void awaitWriteInProgress(ScheduledFuture<?> report) {
        try {
            report.get();
        } catch (CancellationException e) {
            // The step ended before the delay, so nothing was written.
        } catch (ExecutionException e) {
            LOG.warn("transitional status write failed: {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
