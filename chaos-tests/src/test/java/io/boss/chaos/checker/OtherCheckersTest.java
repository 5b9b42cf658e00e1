package io.boss.chaos.checker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.chaos.checker.ConvergenceChecker.PodState;
import io.boss.chaos.checker.WatchLog.Change;
import io.boss.chaos.checker.WatchLog.KeyState;
import io.boss.chaos.cluster.HostProcesses.Sandbox;
import io.boss.chaos.history.Op;
import io.boss.chaos.history.OpType;
import io.boss.chaos.history.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OtherCheckersTest {

    private static Op create(int id, String key, Outcome outcome) {
        return new Op(id, 0, "r1", key, OpType.CREATE, null, key, id, id + 1, outcome, "test");
    }

    @Test
    void ackedWritesAllPresentPass() {
        List<Op> history = List.of(create(0, "s-0", Outcome.OK), create(1, "s-1", Outcome.UNKNOWN),
                create(2, "s-2", Outcome.UNKNOWN), create(3, "s-3", Outcome.FAIL));

        assertEquals(List.of(), AckedWritesChecker.check(history, Set.of("s-0", "s-1")));
    }

    @Test
    void ackedWritesReportLostPhantomAndUnknownKeys() {
        List<Op> history = List.of(create(0, "s-0", Outcome.OK), create(1, "s-1", Outcome.FAIL));

        List<Anomaly> anomalies = AckedWritesChecker.check(history, Set.of("s-1", "s-9"));

        assertEquals(3, anomalies.size(), anomalies.toString());
        assertTrue(anomalies.get(0).description().contains("s-0 (op 0"), anomalies.toString());
        assertTrue(anomalies.get(1).description().contains("s-1 failed"), anomalies.toString());
        assertTrue(anomalies.get(2).description().contains("s-9 is present"), anomalies.toString());
    }

    private static WatchLog watch(String name, long start, Change... changes) {
        WatchLog log = new WatchLog(name);
        log.startSegment(start, Map.of());
        for (Change change : changes) {
            log.change(change);
        }
        return log;
    }

    @Test
    void agreeingWatchersPass() {
        Change a = new Change(5, "ADDED", "k", "a");
        Change b = new Change(7, "MODIFIED", "k", "b");
        WatchLog first = watch("w1", 3, a, b);
        WatchLog second = watch("w2", 3, a, b);
        second.bookmark(9);

        List<Anomaly> anomalies = WatchChecker.check(List.of(first, second), Map.of("k", new KeyState("b", 7)), 9, 7);

        assertEquals(List.of(), anomalies);
    }

    @Test
    void watcherThatMissesRevisionIsAnomaly() {
        Change a = new Change(5, "ADDED", "k", "a");
        Change b = new Change(7, "MODIFIED", "k", "b");
        Change c = new Change(8, "DELETED", "k", null);

        List<Anomaly> anomalies = WatchChecker.check(List.of(watch("w1", 3, a, b, c), watch("w2", 3, a, c)),
                Map.of(), 8, 8);

        assertEquals(1, anomalies.size(), anomalies.toString());
        assertTrue(anomalies.get(0).description().contains("w2 missed revision 7"), anomalies.toString());
    }

    @Test
    void duplicateOrReorderedRevisionIsAnomaly() {
        Change a = new Change(5, "ADDED", "k", "a");
        Change b = new Change(7, "MODIFIED", "k", "b");

        List<Anomaly> anomalies = WatchChecker.check(List.of(watch("w1", 3, a, b, b)), Map.of("k", new KeyState("b", 7)),
                7, 7);

        assertEquals(1, anomalies.size(), anomalies.toString());
        assertTrue(anomalies.get(0).description().contains("received revision 7"), anomalies.toString());
    }

    @Test
    void watchersDisagreeingOnRevisionIsAnomaly() {
        List<Anomaly> anomalies = WatchChecker.check(List.of(watch("w1", 3, new Change(5, "ADDED", "k", "a")),
                watch("w2", 3, new Change(5, "ADDED", "k", "z"))), Map.of("k", new KeyState("a", 5)), 5, 5);

        assertTrue(anomalies.stream().anyMatch(a -> a.description().startsWith("revision 5 is")), anomalies.toString());
    }

    @Test
    void watcherEndingAwayFromFinalStateIsAnomaly() {
        List<Anomaly> anomalies = WatchChecker.check(List.of(watch("w1", 3, new Change(5, "ADDED", "k", "a"))),
                Map.of("k", new KeyState("a", 5), "j", new KeyState("x", 4)), 5, 5);

        assertEquals(1, anomalies.size(), anomalies.toString());
        assertTrue(anomalies.get(0).description().contains("ends with j = null"), anomalies.toString());
    }

    @Test
    void watcherBehindFinalRevisionIsAnomaly() {
        List<Anomaly> anomalies = WatchChecker.check(List.of(watch("w1", 3, new Change(5, "ADDED", "k", "a"))),
                Map.of("k", new KeyState("a", 5)), 8, 6);

        assertEquals(1, anomalies.size(), anomalies.toString());
        assertTrue(anomalies.get(0).description().contains("confirmed only revision 5 but the namespace last changed at revision 6"), anomalies.toString());
    }

    @Test
    void resyncStartsNewSegmentFromListedState() {
        WatchLog log = watch("w1", 3, new Change(5, "ADDED", "k", "a"));
        log.startSegment(20, Map.of("k", new KeyState("c", 18)));
        log.change(new Change(21, "ADDED", "j", "x"));

        List<Anomaly> anomalies = WatchChecker.check(List.of(log),
                Map.of("k", new KeyState("c", 18), "j", new KeyState("x", 21)), 21, 21);

        assertEquals(List.of(), anomalies);
    }

    @Test
    void podsBoundOnceAndStartedOncePass() {
        PodChecker checker = new PodChecker();
        checker.observePod("u1", "p1", null, null, null);
        checker.observePod("u1", "p1", "node-1", null, null);
        checker.observePod("u1", "p1", "node-1", "u1-0", "2026-01-01T00:00:00Z");
        checker.observePod("u1", "p1", "node-1", "u1-0", "2026-01-01T00:00:00Z");
        checker.observeHost(List.of(new Sandbox(100, "node-1", "u1-0")));
        checker.observeHost(List.of(new Sandbox(100, "node-1", "u1-0")));

        assertEquals(List.of(), checker.anomalies());
    }

    @Test
    void podBoundToTwoNodesIsAnomaly() {
        PodChecker checker = new PodChecker();
        checker.observePod("u1", "p1", "node-1", null, null);
        checker.observePod("u1", "p1", "node-2", null, null);

        List<Anomaly> anomalies = checker.anomalies();

        assertEquals(1, anomalies.size(), anomalies.toString());
        assertTrue(anomalies.get(0).description().contains("bound to [node-1, node-2]"), anomalies.toString());
    }

    @Test
    void sandboxStartedTwiceIsAnomaly() {
        PodChecker checker = new PodChecker();
        checker.observePod("u1", "p1", "node-1", "u1-0", "2026-01-01T00:00:00Z");
        checker.observePod("u1", "p1", "node-1", "u1-0", "2026-01-01T00:00:09Z");

        assertEquals(1, checker.anomalies().size());
    }

    @Test
    void podRunTwiceOnHostIsAnomaly() {
        PodChecker checker = new PodChecker();
        checker.observeHost(List.of(new Sandbox(100, "node-1", "u1-0")));
        checker.observeHost(List.of(new Sandbox(200, "node-1", "u1-0"), new Sandbox(300, "node-2", "u1-1")));

        List<Anomaly> anomalies = checker.anomalies();

        assertEquals(3, anomalies.size(), anomalies.toString());
    }

    @Test
    void convergedClusterHasNoProblems() {
        List<PodState> pods = List.of(new PodState("u1", "web-1", "Running", false, true),
                new PodState("u2", "web-2", "Running", false, true), new PodState("u3", "solo", "Failed", false, false));
        List<Sandbox> sandboxes = List.of(new Sandbox(1, "node-1", "u1-0"), new Sandbox(2, "node-2", "u2-0"));

        assertEquals(List.of(), ConvergenceChecker.problems(2, pods, sandboxes));
    }

    @Test
    void convergenceReportsMissingReplicasAndOrphanProcesses() {
        List<PodState> pods = List.of(new PodState("u1", "web-1", "Running", false, true),
                new PodState("u3", "solo", "Failed", false, false));
        List<Sandbox> sandboxes = List.of(new Sandbox(1, "node-1", "u1-0"), new Sandbox(2, "node-1", "gone-0"),
                new Sandbox(3, "node-2", "u3-0"));

        List<String> problems = ConvergenceChecker.problems(2, pods, sandboxes);

        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("asks for 2 replicas but 1"), problems.toString());
        assertTrue(problems.get(1).contains("gone-0"), problems.toString());
        assertTrue(problems.get(1).contains("deleted pod"), problems.toString());
        assertTrue(problems.get(2).contains("phase Failed"), problems.toString());
    }
}
