package io.boss.chaos.checker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one watcher received, split into segments: a segment starts when the watch starts from a
 * known revision or after a re-list (410 Expired), and within a segment the API promises every
 * change after the start revision, in order, exactly once, across reconnects. Thread-safe.
 */
public final class WatchLog {

    /** A change as a watcher saw it; {@code value} is null for a deletion. */
    public record Change(long revision, String type, String key, String value) {
    }

    /** One segment: the state it started from, the changes after it, and the newest revision confirmed. */
    public static final class Segment {
        final long startRevision;
        final Map<String, KeyState> base;
        final List<Change> changes = new ArrayList<>();
        long confirmedRevision;

        Segment(long startRevision, Map<String, KeyState> base) {
            this.startRevision = startRevision;
            this.base = new LinkedHashMap<>(base);
            this.confirmedRevision = startRevision;
        }
    }

    /** The value of a key and the revision that last changed it. */
    public record KeyState(String value, long revision) {
    }

    private final String name;
    private final List<Segment> segments = new ArrayList<>();

    public WatchLog(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Starts a segment at {@code revision} with the listed state {@code base} (empty for a fresh namespace). */
    public synchronized void startSegment(long revision, Map<String, KeyState> base) {
        segments.add(new Segment(revision, base));
    }

    public synchronized void change(Change change) {
        Segment segment = current();
        segment.changes.add(change);
        segment.confirmedRevision = Math.max(segment.confirmedRevision, change.revision());
    }

    /** Records a BOOKMARK: every change up to {@code revision} has been delivered. */
    public synchronized void bookmark(long revision) {
        Segment segment = current();
        segment.confirmedRevision = Math.max(segment.confirmedRevision, revision);
    }

    /** Returns the newest revision the watcher has confirmed, or -1 before the first segment. */
    public synchronized long confirmedRevision() {
        return segments.isEmpty() ? -1 : current().confirmedRevision;
    }

    public synchronized int changeCount() {
        return segments.stream().mapToInt(segment -> segment.changes.size()).sum();
    }

    synchronized List<Segment> segments() {
        return List.copyOf(segments);
    }

    private Segment current() {
        if (segments.isEmpty()) {
            throw new IllegalStateException("watch " + name + " received a change before its first segment started");
        }
        return segments.get(segments.size() - 1);
    }
}
