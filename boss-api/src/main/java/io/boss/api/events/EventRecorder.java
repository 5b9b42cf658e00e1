package io.boss.api.events;

import io.boss.api.model.Event;
import io.boss.api.model.Resource;

/**
 * Records {@link Event}s about objects on behalf of one component. Recording is best effort and
 * never blocks the caller: an implementation queues the occurrence and writes it later, or drops
 * it when its queue is full. Implementations are thread-safe.
 *
 * <p>Get one from {@link EventBroadcaster#newRecorder}; tests and callers without a server use
 * {@link #discarding()}.
 */
public interface EventRecorder {

    /**
     * Queues an event about {@code involvedObject} as it is now (its kind, namespace, name and uid).
     *
     * @param type {@link Event#NORMAL} or {@link Event#WARNING}
     * @param reason one UpperCamelCase word, such as {@code Scheduled}
     * @param message a sentence for a person; longer than the API allows, it is shortened
     */
    void record(Resource involvedObject, String type, String reason, String message);

    /** Queues an event of type {@link Event#NORMAL}. */
    default void normal(Resource involvedObject, String reason, String message) {
        record(involvedObject, Event.NORMAL, reason, message);
    }

    /** Queues an event of type {@link Event#WARNING}. */
    default void warning(Resource involvedObject, String reason, String message) {
        record(involvedObject, Event.WARNING, reason, message);
    }

    /** Returns a recorder that drops every event. */
    static EventRecorder discarding() {
        return (involvedObject, type, reason, message) -> { };
    }
}
