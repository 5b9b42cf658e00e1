package io.boss.api.events;

import io.boss.api.model.Event;

/**
 * One write an {@link EventSink} performs: a create of a new event, or a replacement of the stored
 * event with the same name (without a compare-and-set, because only the recorder that created an
 * event updates it).
 *
 * @param correlationKey the key under which the recorder aggregates repeats of this event
 * @param event the complete event to store, without a resourceVersion
 * @param create true for a create, false for a replacement
 */
public record EventWrite(String correlationKey, Event event, boolean create) {
}
