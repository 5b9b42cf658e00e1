package io.boss.server.scheduler;

import java.time.Duration;

/**
 * Tuning of the {@link Scheduler}.
 *
 * @param retryBaseDelay       first delay before an unschedulable pod is tried again; it doubles per attempt
 * @param retryMaxDelay        maximum delay between attempts for an unschedulable pod
 * @param maxBindsInFlight     binds decided but not yet committed; the scheduling thread waits beyond this
 * @param maxBindBatch         binds written in one atomic multi-key commit, at most
 * @param maxBatchesInFlight   bind commits outstanding at once, at most
 * @param informerRetryDelay   pause before an informer lists or watches again after a store failure
 */
public record SchedulerSettings(Duration retryBaseDelay, Duration retryMaxDelay, int maxBindsInFlight,
                                int maxBindBatch, int maxBatchesInFlight, Duration informerRetryDelay) {

    public SchedulerSettings {
        requireAtLeastOne("maxBindsInFlight", maxBindsInFlight);
        requireAtLeastOne("maxBindBatch", maxBindBatch);
        requireAtLeastOne("maxBatchesInFlight", maxBatchesInFlight);
        if (retryBaseDelay.isNegative() || retryBaseDelay.isZero() || retryMaxDelay.compareTo(retryBaseDelay) < 0) {
            throw new IllegalArgumentException("retryBaseDelay " + retryBaseDelay
                    + " must be positive and at most retryMaxDelay " + retryMaxDelay);
        }
    }

    /**
     * Returns the defaults: retries from 1 s up to 30 s, 1,024 binds in flight, batches of up to 128
     * binds with 4 batches outstanding, informer retries after 1 s.
     */
    public static SchedulerSettings defaults() {
        return new SchedulerSettings(Duration.ofSeconds(1), Duration.ofSeconds(30), 1024, 128, 4, Duration.ofSeconds(1));
    }

    /** Returns these settings with other retry delays for unschedulable pods. */
    public SchedulerSettings withRetryDelays(Duration base, Duration max) {
        return new SchedulerSettings(base, max, maxBindsInFlight, maxBindBatch, maxBatchesInFlight, informerRetryDelay);
    }

    /** Returns these settings with another informer retry delay. */
    public SchedulerSettings withInformerRetryDelay(Duration delay) {
        return new SchedulerSettings(retryBaseDelay, retryMaxDelay, maxBindsInFlight, maxBindBatch, maxBatchesInFlight, delay);
    }

    private static void requireAtLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
