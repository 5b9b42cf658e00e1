package io.boss.api.client;

import io.boss.api.model.WatchEvent;
import java.util.List;

/**
 * Receives the events of a {@link BossClient#watch watch}, all on the watch's own thread, one at a
 * time, in revision order.
 *
 * <p>BOOKMARK events advance the resume revision and go to {@link #onBookmark}, never to
 * {@link #onEvent}. When the watch cannot resume (no start revision was given, or the server
 * responded 410 Expired because the revision was compacted), the client lists the objects and
 * calls {@link #onResync} with the complete current set; events after it continue from the list's
 * revision. A listener that keeps a cache replaces it on resync, which is how it learns of
 * deletions it missed.
 *
 * @param <T> the watched kind
 */
public interface WatchListener<T> {

    /** Receives an ADDED, MODIFIED or DELETED event. */
    void onEvent(WatchEvent<T> event);

    /**
     * Receives every object that matches the watch at {@code resourceVersion}, replacing what came
     * before. It is abstract, unlike the other callbacks, so that a listener decides what a resync
     * means for it and a lambda passed to {@code watch} always selects the {@code Consumer} form.
     */
    void onResync(List<T> items, String resourceVersion);

    /** Receives the revision of a BOOKMARK event. */
    default void onBookmark(String resourceVersion) {
    }

    /**
     * Called once when the watch ends: with null after {@link WatchHandle#close()}, or with the
     * error that stopped it, such as 400 BadRequest for an invalid selector.
     */
    default void onClose(Throwable error) {
    }
}
