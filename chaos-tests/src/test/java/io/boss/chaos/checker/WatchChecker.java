package io.boss.chaos.checker;

import io.boss.chaos.checker.WatchLog.Change;
import io.boss.chaos.checker.WatchLog.KeyState;
import io.boss.chaos.checker.WatchLog.Segment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks watch streams against each other and against the final state:
 * <ul>
 *   <li>within a segment, revisions strictly increase (in order, none twice);</li>
 *   <li>two watchers that saw the same revision saw the same change;</li>
 *   <li>a segment misses no revision that any watcher saw between its start and the newest
 *       revision it confirmed;</li>
 *   <li>every watcher confirms the last change of the watched namespace, and its last segment,
 *       folded up to the revision of the final list, yields the listed state.</li>
 * </ul>
 *
 * <p>A bookmark only confirms changes the watch handled, so the run ends with a fence write to the
 * watched namespace and waits for every watcher to confirm the fence's revision.
 */
public final class WatchChecker {

    private WatchChecker() {
    }

    /**
     * Checks {@code logs}; {@code finalState} was listed at {@code finalRevision}, and
     * {@code lastChangeRevision} is the namespace's last change, at or before it.
     */
    public static List<Anomaly> check(List<WatchLog> logs, Map<String, KeyState> finalState, long finalRevision,
                                      long lastChangeRevision) {
        List<Anomaly> anomalies = new ArrayList<>();
        TreeMap<Long, Change> union = new TreeMap<>();
        Map<Long, String> firstSeenBy = new HashMap<>();

        for (WatchLog log : logs) {
            for (Segment segment : log.segments()) {
                checkOrder(log, segment, anomalies);
                for (Change change : segment.changes) {
                    Change known = union.putIfAbsent(change.revision(), change);
                    if (known == null) {
                        firstSeenBy.put(change.revision(), log.name());
                    } else if (!known.equals(change)) {
                        anomalies.add(new Anomaly("watch", "revision " + change.revision() + " is " + known + " for "
                                + firstSeenBy.get(change.revision()) + " but " + change + " for " + log.name()));
                    }
                }
            }
        }

        for (WatchLog log : logs) {
            for (Segment segment : log.segments()) {
                checkCoverage(log, segment, union, firstSeenBy, anomalies);
            }
            checkFinalState(log, finalState, finalRevision, lastChangeRevision, anomalies);
        }
        return anomalies;
    }

    private static void checkOrder(WatchLog log, Segment segment, List<Anomaly> anomalies) {
        long previous = segment.startRevision;
        for (Change change : segment.changes) {
            if (change.revision() <= previous) {
                anomalies.add(new Anomaly("watch", log.name() + " received revision " + change.revision() + " ("
                        + change.type() + " " + change.key() + ") after revision " + previous));
            }
            previous = Math.max(previous, change.revision());
        }
    }

    private static void checkCoverage(WatchLog log, Segment segment, TreeMap<Long, Change> union,
                                      Map<Long, String> firstSeenBy, List<Anomaly> anomalies) {
        Set<Long> seen = new HashSet<>();
        for (Change change : segment.changes) {
            seen.add(change.revision());
        }
        if (segment.confirmedRevision <= segment.startRevision) {
            return;
        }
        for (Change change : union.subMap(segment.startRevision, false, segment.confirmedRevision, true).values()) {
            if (!seen.contains(change.revision())) {
                anomalies.add(new Anomaly("watch", log.name() + " missed revision " + change.revision() + " ("
                        + change.type() + " " + change.key() + ", seen by " + firstSeenBy.get(change.revision())
                        + ") although it confirmed revision " + segment.confirmedRevision));
            }
        }
    }

    private static void checkFinalState(WatchLog log, Map<String, KeyState> finalState, long finalRevision,
                                        long lastChangeRevision, List<Anomaly> anomalies) {
        List<Segment> segments = log.segments();
        if (segments.isEmpty()) {
            return;
        }
        Segment last = segments.get(segments.size() - 1);
        if (last.confirmedRevision < lastChangeRevision || last.startRevision > finalRevision) {
            anomalies.add(new Anomaly("watch", log.name() + " confirmed only revision " + last.confirmedRevision
                    + " but the namespace last changed at revision " + lastChangeRevision));
            return;
        }
        Map<String, KeyState> folded = new LinkedHashMap<>(last.base);
        for (Change change : last.changes) {
            if (change.revision() > finalRevision) {
                break;
            }
            if (change.value() == null) {
                folded.remove(change.key());
            } else {
                folded.put(change.key(), new KeyState(change.value(), change.revision()));
            }
        }
        Set<String> keys = new HashSet<>(folded.keySet());
        keys.addAll(finalState.keySet());
        for (String key : keys) {
            if (!Objects.equals(folded.get(key), finalState.get(key))) {
                anomalies.add(new Anomaly("watch", log.name() + " ends with " + key + " = " + folded.get(key)
                        + " but the final list has " + finalState.get(key) + " at revision " + finalRevision));
            }
        }
    }
}
