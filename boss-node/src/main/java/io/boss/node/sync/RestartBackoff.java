package io.boss.node.sync;

import io.boss.runtime.SandboxStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The delay before a pod's next run, shaped like the kubelet's crash-loop back-off with shorter
 * steps. It is 1 s after the first quick exit and doubles on each further one up to 60 s. A run
 * that lasted at least 10 s resets it to 1 s. The count lives in memory only, so an agent restart
 * starts it over. Thread-safe.
 */
public final class RestartBackoff {

    static final Duration INITIAL = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(60);
    static final Duration RESET_AFTER = Duration.ofSeconds(10);

    private record Count(int lastRun, int quickExits) {
    }

    private final Map<String, Count> counts = new ConcurrentHashMap<>();

    /** Returns the delay between the end of the pod's given run and the start of the next. */
    public Duration delayAfter(String podUid, int run, SandboxStatus exited) {
        Count count = counts.compute(podUid, (uid, previous) -> {
            if (previous != null && previous.lastRun() == run) {
                return previous;
            }
            int before = previous == null || ranLongEnough(exited) ? 0 : previous.quickExits();
            return new Count(run, before + 1);
        });
        return delayFor(count.quickExits());
    }

    /** Drops the pod's count. */
    public void forget(String podUid) {
        counts.remove(podUid);
    }

    static Duration delayFor(int quickExits) {
        int doublings = Math.min(Math.max(quickExits - 1, 0), 6);
        Duration delay = INITIAL.multipliedBy(1L << doublings);
        return delay.compareTo(MAX) > 0 ? MAX : delay;
    }

    private static boolean ranLongEnough(SandboxStatus exited) {
        if (exited.startedAt() == null || exited.finishedAt() == null) {
            return false;
        }
        return Duration.between(exited.startedAt(), exited.finishedAt()).compareTo(RESET_AFTER) >= 0;
    }
}
