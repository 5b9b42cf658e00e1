package io.boss.node.sync;

import java.util.Optional;

/**
 * Derives sandbox ids from pods and back. A pod's n-th run (n = its restart count) gets the id
 * {@code <pod uid>-<n>}, so every agent, before or after a crash, computes the same id for the
 * same run, and the providers' idempotent create makes a second start of that run impossible.
 */
public final class SandboxIds {

    private SandboxIds() {
    }

    /** A sandbox id split into the pod uid and the run number it was derived from. */
    public record Parsed(String podUid, int run) {
    }

    /** Returns the sandbox id of the given run of the pod. */
    public static String forRun(String podUid, int run) {
        if (podUid == null || podUid.isBlank()) {
            throw new IllegalArgumentException("pod has no metadata.uid; the API server sets it on create");
        }
        if (run < 0) {
            throw new IllegalArgumentException("run must be 0 or more, got " + run);
        }
        return sanitize(podUid) + "-" + run;
    }

    /**
     * Returns the prefix shared by the ids of every run of the pod. Other ids may share it too, so
     * callers still {@link #parse} each id and compare the uid.
     */
    public static String idPrefix(String podUid) {
        return sanitize(podUid) + "-";
    }

    /** Returns the uid and run of an id made by {@link #forRun}, or empty for any other id. */
    public static Optional<Parsed> parse(String sandboxId) {
        int dash = sandboxId.lastIndexOf('-');
        if (dash <= 0 || dash == sandboxId.length() - 1) {
            return Optional.empty();
        }
        try {
            int run = Integer.parseInt(sandboxId.substring(dash + 1));
            return run < 0 ? Optional.empty() : Optional.of(new Parsed(sandboxId.substring(0, dash), run));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Returns the uid in the form sandbox ids carry it; UUIDs pass unchanged. */
    public static String sanitize(String podUid) {
        return podUid.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
