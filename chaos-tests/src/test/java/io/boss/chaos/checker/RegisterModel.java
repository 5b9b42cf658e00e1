package io.boss.chaos.checker;

import io.boss.chaos.history.Op;
import io.boss.chaos.history.Outcome;
import java.util.Objects;

/**
 * The sequential specification of one register key: its state is the current value, or null when
 * the key is absent. Values are unique per write, so "the object is still at the revision this
 * client read" and "the value is still the one it read" are the same condition.
 */
final class RegisterModel {

    /** Marks a step that the op cannot take from the given state. */
    static final Object IMPOSSIBLE = new Object();

    private RegisterModel() {
    }

    /**
     * Returns the state after {@code op} is linearized in {@code state}, or {@link #IMPOSSIBLE}
     * when its recorded result contradicts that state. An {@link Outcome#UNKNOWN} op is stepped as
     * if it succeeded; not taking effect at all is the other choice, which the search covers by
     * never linearizing it.
     */
    static Object step(String state, Op op) {
        boolean succeeded = op.outcome() != Outcome.FAIL;
        switch (op.type()) {
            case READ:
                return Objects.equals(state, op.value()) ? state : IMPOSSIBLE;
            case CREATE:
                if (succeeded) {
                    return state == null ? op.value() : IMPOSSIBLE;
                }
                return state != null ? state : IMPOSSIBLE;
            case WRITE:
                if (succeeded) {
                    return state != null ? op.value() : IMPOSSIBLE;
                }
                return state == null ? state : IMPOSSIBLE;
            case CAS:
                if (succeeded) {
                    return Objects.equals(state, op.expected()) ? op.value() : IMPOSSIBLE;
                }
                return !Objects.equals(state, op.expected()) ? state : IMPOSSIBLE;
            case DELETE:
                if (succeeded) {
                    return state != null ? null : IMPOSSIBLE;
                }
                return state == null ? state : IMPOSSIBLE;
            default:
                throw new IllegalArgumentException("unknown op type " + op.type());
        }
    }
}
