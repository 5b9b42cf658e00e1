package io.boss.server.scheduler;

import java.time.Duration;

/**
 * Tuning of the {@link Scheduler}.
 *
 * @param retryBaseDelay       first delay before an unschedulable pod is tried again; it doubles per attempt
 * @param retryMaxDelay        maximum delay between attempts for an unschedulable pod
 * @param maxBindsInFlight     binds sent but not yet committed; the scheduling thread waits beyond this
 * @param informerRetryDelay   pause before an informer lists or watches again after a store failure
 */
public record SchedulerSettings(Duration retryBaseDelay, Duration retryMaxDelay, int maxBindsInFlight,
                                Duration informerRetryDelay) {

    public SchedulerSettings {
        if (maxBindsInFlight < 1) {
            throw new IllegalArgumentException("maxBindsInFlight must be at least 1, got " + maxBindsInFlight);
        }
    }

    /** Returns the defaults: retries from 1s up to 30s, 256 binds in flight, informer retries after 1s. */
    public static SchedulerSettings defaults() {
        return new SchedulerSettings(Duration.ofSeconds(1), Duration.ofSeconds(30), 256, Duration.ofSeconds(1));
    }
}
