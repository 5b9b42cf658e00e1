package io.boss.chaos.checker;

import io.boss.chaos.history.Op;
import io.boss.chaos.history.OpType;
import io.boss.chaos.history.Outcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that each key's history is linearizable against {@link RegisterModel}, with the
 * Wing–Gong search as improved by Lowe ("Testing for linearizability", Concurrency and
 * Computation, 2017): walk the invocation and response events in time order, linearize an
 * invoked operation when the model allows it, backtrack at a response whose operation is not yet
 * linearized, and skip every (linearized set, state) pair already explored.
 *
 * <p>An {@link Outcome#UNKNOWN} operation gets a response at infinity, so it may take effect at any
 * point after its invocation, or never. The search therefore ends successfully once every
 * operation with a finite response is linearized.
 *
 * <p>Two reductions keep the search small without changing its verdict. A read with an unknown
 * outcome returned nothing and changed nothing, so it is dropped. A value that no read returned
 * and no compare-and-set expected is observable only as "present", so all such values become
 * one state, and orders of unknown writes that differ only in unobserved values are explored once.
 *
 * <p>Histories are checked per key, because the register keys are independent. A key with more
 * than {@code maxOpsPerKey} operations, or whose search explores more than {@code maxStates}
 * states, is reported as unchecked rather than as an anomaly.
 */
public final class LinearizabilityChecker {

    /** Stands for every value that no operation observed; it cannot equal a real, unique value. */
    private static final String UNOBSERVED_VALUE = "\u0000unobserved";

    private final int maxOpsPerKey;
    private final long maxStates;

    public LinearizabilityChecker(int maxOpsPerKey, long maxStates) {
        this.maxOpsPerKey = maxOpsPerKey;
        this.maxStates = maxStates;
    }

    /** The verdict for every key: anomalies found and keys left unchecked. */
    public record Result(List<Anomaly> anomalies, List<String> uncheckedKeys, int checkedKeys) {
    }

    /** Checks every key of {@code history}. */
    public Result check(List<Op> history) {
        Map<String, List<Op>> byKey = new LinkedHashMap<>();
        for (Op op : history) {
            if (op.type() == OpType.READ && op.outcome() == Outcome.UNKNOWN) {
                continue;
            }
            byKey.computeIfAbsent(op.key(), key -> new ArrayList<>()).add(op);
        }

        List<Anomaly> anomalies = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, List<Op>> entry : byKey.entrySet()) {
            if (entry.getValue().size() > maxOpsPerKey) {
                unchecked.add(entry.getKey() + " (" + entry.getValue().size() + " ops, more than " + maxOpsPerKey + ")");
                continue;
            }
            KeyVerdict verdict = checkKey(entry.getValue());
            switch (verdict.kind()) {
                case LINEARIZABLE -> checked++;
                case TOO_LARGE -> unchecked.add(entry.getKey() + " (search passed " + maxStates + " states)");
                case VIOLATION -> {
                    checked++;
                    anomalies.add(new Anomaly("linearizability", "key " + entry.getKey() + " has no linearization of its "
                            + entry.getValue().size() + " ops; " + verdict.detail()));
                }
            }
        }
        return new Result(anomalies, unchecked, checked);
    }

    enum Kind { LINEARIZABLE, VIOLATION, TOO_LARGE }

    record KeyVerdict(Kind kind, String detail) {
    }

    /** Runs the search over one key's operations. */
    KeyVerdict checkKey(List<Op> recorded) {
        List<Op> ops = withUnobservedValuesMerged(recorded);
        Entry head = buildEntries(ops);
        BitSet linearized = new BitSet(ops.size());
        Set<Memo> explored = new HashSet<>();
        Deque<Frame> stack = new ArrayDeque<>();
        String state = null;
        long steps = 0;
        int deepest = 0;
        Op blockedAtDeepest = null;

        Entry entry = head.next;
        while (head.next != null) {
            if (++steps > maxStates) {
                return new KeyVerdict(Kind.TOO_LARGE, "");
            }
            if (entry.isCall) {
                Object next = RegisterModel.step(state, entry.op);
                if (next != RegisterModel.IMPOSSIBLE) {
                    BitSet candidate = (BitSet) linearized.clone();
                    candidate.set(entry.index);
                    if (explored.add(new Memo(candidate, (String) next))) {
                        stack.push(new Frame(entry, state));
                        state = (String) next;
                        linearized = candidate;
                        entry.lift();
                        entry = head.next;
                        continue;
                    }
                }
                entry = entry.next;
                continue;
            }

            if (entry.infinite) {
                // Only operations that may never take effect remain.
                return new KeyVerdict(Kind.LINEARIZABLE, "");
            }
            if (stack.size() >= deepest) {
                deepest = stack.size();
                blockedAtDeepest = entry.op;
            }
            if (stack.isEmpty()) {
                return violation(deepest, blockedAtDeepest);
            }
            Frame top = stack.pop();
            state = top.stateBefore();
            linearized = (BitSet) linearized.clone();
            linearized.clear(top.call().index);
            top.call().unlift();
            entry = top.call().next;
        }
        return new KeyVerdict(Kind.LINEARIZABLE, "");
    }

    /** Replaces every written value that no read returned and no compare-and-set expected by one token. */
    private static List<Op> withUnobservedValuesMerged(List<Op> ops) {
        Set<String> observed = new HashSet<>();
        for (Op op : ops) {
            if (op.type() == OpType.READ && op.value() != null) {
                observed.add(op.value());
            }
            if (op.expected() != null) {
                observed.add(op.expected());
            }
        }
        List<Op> merged = new ArrayList<>(ops.size());
        for (Op op : ops) {
            if (op.type() != OpType.READ && op.value() != null && !observed.contains(op.value())) {
                merged.add(new Op(op.id(), op.client(), op.replica(), op.key(), op.type(), op.expected(),
                        UNOBSERVED_VALUE, op.invokeNanos(), op.completeNanos(), op.outcome(), op.detail()));
            } else {
                merged.add(op);
            }
        }
        return merged;
    }

    private static KeyVerdict violation(int deepest, Op blocked) {
        return new KeyVerdict(Kind.VIOLATION, "at most " + deepest + " ops linearize, and then op " + blocked.id()
                + " (" + blocked.type() + (blocked.expected() == null ? "" : " expecting " + blocked.expected())
                + " value " + blocked.value() + ", " + blocked.outcome() + ", client " + blocked.client()
                + " via " + blocked.replica() + ") cannot be placed");
    }

    /** Builds the doubly linked list of call and return entries, sorted by time, with calls first on a tie. */
    private static Entry buildEntries(List<Op> ops) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            boolean infinite = op.outcome() == Outcome.UNKNOWN;
            Entry call = new Entry(op, i, true, op.invokeNanos(), false);
            Entry ret = new Entry(op, i, false, infinite ? Long.MAX_VALUE : op.completeNanos(), infinite);
            call.match = ret;
            entries.add(call);
            entries.add(ret);
        }
        entries.sort(Comparator.comparingLong((Entry e) -> e.time).thenComparing(e -> e.isCall ? 0 : 1));

        Entry head = new Entry(null, -1, false, Long.MIN_VALUE, false);
        Entry previous = head;
        for (Entry e : entries) {
            previous.next = e;
            e.prev = previous;
            previous = e;
        }
        return head;
    }

    private record Memo(BitSet linearized, String state) {
    }

    private record Frame(Entry call, String stateBefore) {
    }

    /** A call or return event in the list the search walks; a linearized op's two entries are unlinked. */
    private static final class Entry {
        final Op op;
        final int index;
        final boolean isCall;
        final long time;
        final boolean infinite;
        Entry match;
        Entry prev;
        Entry next;

        Entry(Op op, int index, boolean isCall, long time, boolean infinite) {
            this.op = op;
            this.index = index;
            this.isCall = isCall;
            this.time = time;
            this.infinite = infinite;
        }

        /** Unlinks this call and its return. */
        void lift() {
            prev.next = next;
            if (next != null) {
                next.prev = prev;
            }
            match.prev.next = match.next;
            if (match.next != null) {
                match.next.prev = match.prev;
            }
        }

        /** Links this call and its return back in, in the reverse order of {@link #lift()}. */
        void unlift() {
            match.prev.next = match;
            if (match.next != null) {
                match.next.prev = match;
            }
            prev.next = this;
            if (next != null) {
                next.prev = this;
            }
        }
    }
}
