package io.boss.chaos.checker;

/** A violation a checker found: which checker, and a description naming the keys, revisions or pods involved. */
public record Anomaly(String checker, String description) {

    @Override
    public String toString() {
        return checker + ": " + description;
    }
}
