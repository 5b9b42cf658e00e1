package io.boss.api.events;

import java.util.ArrayList;
import java.util.List;

/**
 * The destination of an {@link EventBroadcaster}'s events: the API through a client on a node, the
 * replicated store directly on the server. Called from the broadcaster's single writer thread.
 */
public interface EventSink {

    /**
     * Performs one write.
     *
     * @throws RuntimeException when the write failed; the broadcaster drops the event
     */
    void write(EventWrite write);

    /**
     * Performs several writes and returns those that failed. The default writes them one at a
     * time; a sink that can commit a batch atomically overrides it.
     */
    default List<Failure> writeAll(List<EventWrite> writes) {
        List<Failure> failures = new ArrayList<>();
        for (EventWrite write : writes) {
            try {
                write(write);
            } catch (RuntimeException e) {
                failures.add(new Failure(write, e));
            }
        }
        return failures;
    }

    /** A write that failed, with its error. */
    record Failure(EventWrite write, RuntimeException error) {
    }
}
