package io.boss.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.boss.chaos.nemesis.Fault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The long soak, run only with the Maven profile {@code chaos-soak}: the same scenario as the
 * short tier for {@code -Dchaos.duration} (default 20 minutes).
 */
@Tag("soak")
class ChaosSoakTest {

    @Test
    void clusterUnderLongFaultScheduleKeepsItsGuarantees() throws Exception {
        Duration duration = ChaosSettings.duration("chaos.duration", Duration.ofMinutes(20));
        ChaosRun run = new ChaosRun(ChaosSettings.seed(), duration, List.of(Fault.values()), ChaosSettings.workDir());

        ChaosRun.Result result = run.run();

        assertEquals(List.of(), result.anomalies(), result.summary() + "; history in " + result.historyFile());
    }
}
