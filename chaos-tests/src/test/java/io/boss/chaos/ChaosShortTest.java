package io.boss.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.chaos.nemesis.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The short chaos tier of the default build: three replicas and two agents as real processes,
 * every fault kind for {@code -Dchaos.shortDuration} (default 75 s), then every checker. The seed
 * is printed first; {@code -Dchaos.seed=N} repeats a run.
 */
class ChaosShortTest {

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void clusterUnderEveryFaultKeepsItsGuarantees() throws Exception {
        Duration duration = ChaosSettings.duration("chaos.shortDuration", Duration.ofSeconds(75));
        ChaosRun run = new ChaosRun(ChaosSettings.seed(), duration, List.of(Fault.values()), ChaosSettings.workDir());

        ChaosRun.Result result = run.run();

        assertTrue(result.faults() > 0, "no fault was injected in " + duration);
        assertEquals(List.of(), result.anomalies(), result.summary() + "; history in " + result.historyFile());
    }
}
