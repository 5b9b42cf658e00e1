package io.boss.chaos.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.chaos.history.Op;
import io.boss.chaos.history.OpType;
import io.boss.chaos.history.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {

    private final LinearizabilityChecker checker = new LinearizabilityChecker(2_000, 1_000_000);
    private final List<Op> ops = new ArrayList<>();

    private void op(int client, OpType type, String expected, String value, long invoke, long complete, Outcome outcome) {
        ops.add(new Op(ops.size(), client, "r1", "k", type, expected, value, invoke, complete, outcome, "test"));
    }

    private LinearizabilityChecker.Result check() {
        return checker.check(ops);
    }

    @Test
    void sequentialHistoryIsLinearizable() {
        op(0, OpType.READ, null, null, 0, 1, Outcome.OK);
        op(0, OpType.CREATE, null, "a", 2, 3, Outcome.OK);
        op(0, OpType.CREATE, null, "x", 4, 5, Outcome.FAIL);
        op(0, OpType.CAS, "a", "b", 6, 7, Outcome.OK);
        op(0, OpType.CAS, "a", "c", 8, 9, Outcome.FAIL);
        op(0, OpType.WRITE, null, "d", 10, 11, Outcome.OK);
        op(0, OpType.READ, null, "d", 12, 13, Outcome.OK);
        op(0, OpType.DELETE, null, null, 14, 15, Outcome.OK);
        op(0, OpType.DELETE, null, null, 16, 17, Outcome.FAIL);
        op(0, OpType.WRITE, null, "e", 18, 19, Outcome.FAIL);
        op(0, OpType.READ, null, null, 20, 21, Outcome.OK);

        LinearizabilityChecker.Result result = check();

        assertEquals(List.of(), result.anomalies());
        assertEquals(1, result.checkedKeys());
    }

    @Test
    void concurrentReadMaySeeEitherValue() {
        op(0, OpType.CREATE, null, "a", 0, 1, Outcome.OK);
        op(1, OpType.CAS, "a", "b", 2, 10, Outcome.OK);
        op(2, OpType.READ, null, "b", 3, 4, Outcome.OK);
        op(3, OpType.READ, null, "b", 5, 6, Outcome.OK);

        assertEquals(List.of(), check().anomalies());
    }

    @Test
    void staleReadAfterAcknowledgedWriteIsAnomaly() {
        op(0, OpType.CREATE, null, "a", 0, 1, Outcome.OK);
        op(1, OpType.CAS, "a", "b", 2, 3, Outcome.OK);
        op(2, OpType.READ, null, "a", 4, 5, Outcome.OK);

        List<Anomaly> anomalies = check().anomalies();

        assertEquals(1, anomalies.size());
        assertTrue(anomalies.get(0).description().contains("key k"), anomalies.get(0).description());
    }

    @Test
    void readGoingBackInTimeIsAnomaly() {
        op(0, OpType.CREATE, null, "a", 0, 1, Outcome.OK);
        op(1, OpType.CAS, "a", "b", 2, 20, Outcome.OK);
        op(2, OpType.READ, null, "b", 3, 4, Outcome.OK);
        op(3, OpType.READ, null, "a", 5, 6, Outcome.OK);

        assertEquals(1, check().anomalies().size());
    }

    @Test
    void twoCasFromOneValueIsAnomaly() {
        op(0, OpType.CREATE, null, "a", 0, 1, Outcome.OK);
        op(1, OpType.CAS, "a", "b", 2, 5, Outcome.OK);
        op(2, OpType.CAS, "a", "c", 2, 5, Outcome.OK);

        assertEquals(1, check().anomalies().size());
    }

    @Test
    void lostAcknowledgedWriteIsAnomaly() {
        op(0, OpType.CREATE, null, "a", 0, 1, Outcome.OK);
        op(0, OpType.READ, null, null, 2, 3, Outcome.OK);

        assertEquals(1, check().anomalies().size());
    }

    @Test
    void readOfValueNeverWrittenIsAnomaly() {
        op(0, OpType.CREATE, null, "a", 0, 1, Outcome.OK);
        op(1, OpType.READ, null, "zzz", 2, 3, Outcome.OK);

        assertEquals(1, check().anomalies().size());
    }

    @Test
    void failedCreateOnAbsentKeyIsAnomaly() {
        op(0, OpType.CREATE, null, "a", 0, 1, Outcome.FAIL);
        op(0, OpType.READ, null, null, 2, 3, Outcome.OK);

        assertEquals(1, check().anomalies().size());
    }

    @Test
    void unknownWriteMayTakeEffectLate() {
        op(0, OpType.CREATE, null, "a", 0, 1, Outcome.OK);
        op(1, OpType.CAS, "a", "b", 2, 3, Outcome.UNKNOWN);
        op(2, OpType.READ, null, "a", 10, 11, Outcome.OK);
        op(2, OpType.READ, null, "b", 20, 21, Outcome.OK);

        assertEquals(List.of(), check().anomalies());
    }

    @Test
    void unknownWriteMayNeverTakeEffect() {
        op(0, OpType.CREATE, null, "a", 0, 1, Outcome.OK);
        op(1, OpType.CAS, "a", "b", 2, 3, Outcome.UNKNOWN);
        op(2, OpType.READ, null, "a", 100, 101, Outcome.OK);

        assertEquals(List.of(), check().anomalies());
    }

    @Test
    void unknownWriteCannotTakeEffectBeforeItsInvocation() {
        op(0, OpType.CREATE, null, "a", 0, 1, Outcome.OK);
        op(2, OpType.READ, null, "b", 2, 3, Outcome.OK);
        op(1, OpType.CAS, "a", "b", 5, 6, Outcome.UNKNOWN);

        assertEquals(1, check().anomalies().size());
    }

    @Test
    void unknownWriteTakesEffectAtMostOnce() {
        op(0, OpType.CREATE, null, "a", 0, 1, Outcome.OK);
        op(1, OpType.CAS, "a", "b", 2, 3, Outcome.UNKNOWN);
        op(2, OpType.READ, null, "b", 4, 5, Outcome.OK);
        op(2, OpType.CAS, "b", "c", 6, 7, Outcome.OK);
        op(2, OpType.READ, null, "b", 8, 9, Outcome.OK);

        assertEquals(1, check().anomalies().size());
    }

    @Test
    void unknownReadIsIgnored() {
        op(0, OpType.CREATE, null, "a", 0, 1, Outcome.OK);
        op(1, OpType.READ, null, null, 2, 3, Outcome.UNKNOWN);

        assertEquals(List.of(), check().anomalies());
    }

    @Test
    void unobservedValueStillCountsAsPresent() {
        op(0, OpType.CREATE, null, "a", 0, 1, Outcome.OK);
        op(1, OpType.CAS, "a", "b", 2, 3, Outcome.OK);
        op(2, OpType.CREATE, null, "c", 4, 5, Outcome.OK);

        assertEquals(1, check().anomalies().size());
    }

    @Test
    void failedCasForcesUnknownWriteToApply() {
        op(0, OpType.CREATE, null, "a", 0, 1, Outcome.OK);
        op(1, OpType.WRITE, null, "b", 2, 3, Outcome.UNKNOWN);
        op(2, OpType.CAS, "a", "c", 10, 11, Outcome.FAIL);
        op(2, OpType.READ, null, "a", 12, 13, Outcome.OK);

        assertEquals(1, check().anomalies().size());
    }

    @Test
    void keysAreCheckedIndependently() {
        ops.add(new Op(0, 0, "r1", "k1", OpType.CREATE, null, "a", 0, 1, Outcome.OK, ""));
        ops.add(new Op(1, 0, "r1", "k2", OpType.READ, null, null, 2, 3, Outcome.OK, ""));
        ops.add(new Op(2, 0, "r1", "k1", OpType.READ, null, null, 4, 5, Outcome.OK, ""));

        LinearizabilityChecker.Result result = check();

        assertEquals(1, result.anomalies().size());
        assertTrue(result.anomalies().get(0).description().startsWith("key k1"), result.anomalies().get(0).description());
        assertEquals(2, result.checkedKeys());
    }

    @Test
    void keyOverTheOpLimitIsReportedUnchecked() {
        LinearizabilityChecker small = new LinearizabilityChecker(2, 1_000);
        op(0, OpType.READ, null, null, 0, 1, Outcome.OK);
        op(0, OpType.READ, null, null, 2, 3, Outcome.OK);
        op(0, OpType.READ, null, null, 4, 5, Outcome.OK);

        LinearizabilityChecker.Result result = small.check(ops);

        assertEquals(List.of(), result.anomalies());
        assertEquals(1, result.uncheckedKeys().size());
    }

    @Test
    void simulatedRegisterHistoryPassesQuickly() {
        // Five clients on one simulated atomic register: each op takes effect at a random point
        // between its invocation and completion, and 10% of writes time out (UNKNOWN).
        Random random = new Random(42);
        String value = null;
        long now = 0;
        int sequence = 0;
        for (int i = 0; i < 1_500; i++) {
            int client = i % 5;
            now += 1 + random.nextInt(3);
            long invoke = now;
            long effect = invoke + random.nextInt(5);
            long complete = effect + random.nextInt(20);
            int choice = random.nextInt(4);
            String written = "v" + sequence++;
            // Apply in invocation order with an effect time that never precedes the previous one,
            // so the simulated register stays atomic.
            now = effect;
            switch (choice) {
                case 0 -> op(client, OpType.READ, null, value, invoke, complete, Outcome.OK);
                case 1 -> {
                    boolean created = value == null;
                    if (created) {
                        value = written;
                    }
                    op(client, OpType.CREATE, null, written, invoke, complete, created ? Outcome.OK : Outcome.FAIL);
                }
                case 2 -> {
                    String expected = value;
                    if (random.nextInt(10) == 0 && expected != null) {
                        value = written;
                        op(client, OpType.CAS, expected, written, invoke, complete + 1_000_000, Outcome.UNKNOWN);
                    } else if (expected != null) {
                        value = written;
                        op(client, OpType.CAS, expected, written, invoke, complete, Outcome.OK);
                    } else {
                        op(client, OpType.CAS, "none", written, invoke, complete, Outcome.FAIL);
                    }
                }
                default -> {
                    boolean deleted = value != null;
                    value = null;
                    op(client, OpType.DELETE, null, null, invoke, complete, deleted ? Outcome.OK : Outcome.FAIL);
                }
            }
        }

        long started = System.nanoTime();
        LinearizabilityChecker.Result result = check();
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(List.of(), result.anomalies());
        assertEquals(List.of(), result.uncheckedKeys());
        assertTrue(millis < 10_000, "the search took " + millis + " ms");
    }
}
