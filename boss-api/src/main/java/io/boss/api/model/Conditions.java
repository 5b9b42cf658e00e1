package io.boss.api.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads and updates a list of {@link Condition}s with the Kubernetes transition-time rule. */
public final class Conditions {

    private Conditions() {
    }

    /** Returns the condition of the given type, if present. */
    public static Optional<Condition> find(List<Condition> conditions, String type) {
        return conditions.stream().filter(condition -> type.equals(condition.getType())).findFirst();
    }

    /** Returns true when the condition of the given type is present with status {@code True}. */
    public static boolean isTrue(List<Condition> conditions, String type) {
        return find(conditions, type).map(Condition::isTrue).orElse(false);
    }

    /**
     * Adds or replaces the condition of {@code update.getType()}. The transition time becomes
     * {@code now} when the status changes or the condition is new, and is kept otherwise.
     *
     * @return true when the list changed
     */
    public static boolean set(List<Condition> conditions, Condition update, Instant now) {
        Optional<Condition> existing = find(conditions, update.getType());
        if (existing.isEmpty()) {
            update.setLastTransitionTime(now);
            conditions.add(update);
            return true;
        }

        Condition current = existing.get();
        boolean statusChanged = !Objects.equals(current.getStatus(), update.getStatus());
        update.setLastTransitionTime(statusChanged ? now : current.getLastTransitionTime());
        if (update.equals(current)) {
            return false;
        }
        conditions.set(conditions.indexOf(current), update);
        return true;
    }
}
