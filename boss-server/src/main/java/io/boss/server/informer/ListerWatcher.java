package io.boss.server.informer;

import io.boss.api.model.Resource;
import io.boss.store.StoreException;
import io.boss.store.Watch;

import java.util.function.Consumer;

/**
 * The source an {@link Informer} reads: a consistent list and a watch that continues from it.
 *
 * <p>Implementations decode the stored bytes into typed objects whose
 * {@code metadata.resourceVersion} is the revision that last changed them.
 */
public interface ListerWatcher<T extends Resource> {

    /**
     * Lists every object at one revision.
     *
     * @throws StoreException when the store cannot answer (no quorum, closed)
     */
    Listing<T> list();

    /**
     * Watches every change with a revision of at least {@code fromRevision}, each once and in
     * order, on a thread of the store's choosing. {@code onClosed} is called once when the watch
     * ends: with null after {@link Watch#close()}, otherwise with the store's reason, where
     * {@code EXPIRED} means {@code fromRevision} is no longer in the history and the caller must
     * list again.
     */
    Watch watch(long fromRevision, Consumer<ObjectEvent<T>> onEvent, Consumer<StoreException> onClosed);
}
