package io.boss.store;

/**
 * Receives the events of one watch.
 *
 * <p>Called from the watch's own delivery thread, never from the Ratis apply thread, so a slow
 * listener delays only itself. After {@link #onClosed} nothing more is delivered.
 */
public interface WatchListener {

    void onEvent(WatchEvent event);

    /**
     * Called once when the watch ends: {@code cause} is null on a close requested by the caller,
     * otherwise a {@link StoreException} whose reason is {@code EXPIRED} (the start revision was
     * compacted, or the watcher fell too far behind and was dropped) or {@code CLOSED} (the store
     * shut down).
     */
    void onClosed(StoreException cause);
}
