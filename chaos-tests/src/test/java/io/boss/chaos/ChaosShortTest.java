package io.boss.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.chaos.nemesis.Fault;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The short chaos tier of the default build: three replicas and two agents as real processes,
 * faults for {@code -Dchaos.shortDuration} (default 75 s), then every checker. The seed is printed
 * first; {@code -Dchaos.seed=N} repeats a run. Every fault of {@link Fault} is in the schedule.
 */
class ChaosShortTest {

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void clusterUnderFaultsKeepsItsGuarantees() throws Exception {
        Duration duration = ChaosSettings.duration("chaos.shortDuration", Duration.ofSeconds(75));
        List<Fault> faults = Arrays.asList(Fault.values());
        ChaosRun run = new ChaosRun(ChaosSettings.seed(), duration, faults, ChaosSettings.workDir());

        ChaosRun.Result result = run.run();

        assertTrue(result.faults() > 0, "no fault was injected in " + duration);
        assertEquals(List.of(), result.anomalies(), result.summary() + "; history in " + result.historyFile());
    }
}
