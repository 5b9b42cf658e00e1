package io.boss.node.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.boss.runtime.SandboxState;
import io.boss.runtime.SandboxStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void quickExitsDoubleDelayToSixtySeconds() {
        RestartBackoff backoff = new RestartBackoff();
        long[] expectedSeconds = {1, 2, 4, 8, 16, 32, 60, 60};

        for (int run = 0; run < expectedSeconds.length; run++) {
            Duration delay = backoff.delayAfter("pod", run, exited(run, Duration.ofSeconds(1)));
            assertEquals(Duration.ofSeconds(expectedSeconds[run]), delay, "delay after run " + run);
        }
    }

    @Test
    void runOfTenSecondsResetsTheDelay() {
        RestartBackoff backoff = new RestartBackoff();
        backoff.delayAfter("pod", 0, exited(0, Duration.ofSeconds(1)));
        backoff.delayAfter("pod", 1, exited(1, Duration.ofSeconds(1)));

        Duration delay = backoff.delayAfter("pod", 2, exited(2, Duration.ofSeconds(10)));

        assertEquals(Duration.ofSeconds(1), delay);
    }

    @Test
    void sameRunAskedTwiceKeepsItsDelay() {
        RestartBackoff backoff = new RestartBackoff();
        backoff.delayAfter("pod", 0, exited(0, Duration.ofSeconds(1)));

        Duration first = backoff.delayAfter("pod", 1, exited(1, Duration.ofSeconds(1)));
        Duration again = backoff.delayAfter("pod", 1, exited(1, Duration.ofSeconds(1)));

        assertEquals(Duration.ofSeconds(2), first);
        assertEquals(first, again);
    }

    private static SandboxStatus exited(int run, Duration ran) {
        return new SandboxStatus("pod-" + run, SandboxState.EXITED, 1, T0, T0.plus(ran), null, null);
    }
}
