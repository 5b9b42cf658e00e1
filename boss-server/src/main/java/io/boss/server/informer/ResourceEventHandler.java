package io.boss.server.informer;

import io.boss.api.model.Resource;

/**
 * Receives the changes an {@link Informer} applies to its cache. Every method runs on the
 * informer's thread, one call at a time, after the cache already reflects the change; a handler
 * must return quickly (enqueue a key, do not write to the store). Exceptions are logged and do not
 * stop the informer.
 */
public interface ResourceEventHandler<T extends Resource> {

    default void onAdd(T object) {
    }

    default void onUpdate(T previous, T current) {
    }

    /** {@code last} is the last state the cache held. */
    default void onDelete(T last) {
    }
}
