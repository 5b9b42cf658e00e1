package io.boss.chaos.checker;

import io.boss.chaos.history.Op;
import io.boss.chaos.history.OpType;
import io.boss.chaos.history.Outcome;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a grow-only set: every create of a fresh key that was acknowledged must be present at
 * the end, every create rejected with a definite answer must be absent, and nothing must be
 * present that no client tried to create. Creates with an unknown outcome may go either way.
 */
public final class AckedWritesChecker {

    private AckedWritesChecker() {
    }

    /** Compares the creates in {@code history} with the keys read at the end. */
    public static List<Anomaly> check(List<Op> history, Set<String> finalKeys) {
        List<Anomaly> anomalies = new ArrayList<>();
        Set<String> attempted = new HashSet<>();
        for (Op op : history) {
            if (op.type() != OpType.CREATE) {
                continue;
            }
            attempted.add(op.key());
            if (op.outcome() == Outcome.OK && !finalKeys.contains(op.key())) {
                anomalies.add(new Anomaly("acked-writes", "acknowledged create of " + op.key() + " (op " + op.id()
                        + " via " + op.replica() + ") is missing at the end"));
            }
            if (op.outcome() == Outcome.FAIL && finalKeys.contains(op.key())) {
                anomalies.add(new Anomaly("acked-writes", "create of " + op.key() + " failed with " + op.detail()
                        + " (op " + op.id() + " via " + op.replica() + ") but the key is present at the end"));
            }
        }
        for (String key : finalKeys) {
            if (!attempted.contains(key)) {
                anomalies.add(new Anomaly("acked-writes", "key " + key + " is present at the end but no client created it"));
            }
        }
        return anomalies;
    }
}
