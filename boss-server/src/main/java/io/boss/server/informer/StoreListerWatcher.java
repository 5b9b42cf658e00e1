package io.boss.server.informer;

import io.boss.api.model.Resource;
import io.boss.store.KeyValue;
import io.boss.store.ReadConsistency;
import io.boss.store.Registry;
import io.boss.store.StoreException;
import io.boss.store.Watch;
import io.boss.store.WatchEvent;
import io.boss.store.WatchListener;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Lists and watches one kind directly in this replica's {@link Registry}, without HTTP. Lists are
 * linearizable, so an informer on a new leader starts from everything committed before it.
 */
public final class StoreListerWatcher<T extends Resource> implements ListerWatcher<T> {

    private final Registry registry;
    private final TypedCodec<T> codec;

    public StoreListerWatcher(Registry registry, TypedCodec<T> codec) {
        this.registry = registry;
        this.codec = codec;
    }

    @Override
    public Listing<T> list() {
        try {
            var result = registry.list(codec.prefix(), ReadConsistency.LINEARIZABLE).get();
            List<T> items = new ArrayList<>(result.entries().size());
            for (KeyValue entry : result.entries()) {
                items.add(codec.decode(entry));
            }
            return new Listing<>(result.revision(), items);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Reason.CLOSED, null, "interrupted while listing " + codec.prefix());
        } catch (ExecutionException | CompletionException e) {
            throw asStoreException(e.getCause());
        }
    }

    @Override
    public Watch watch(long fromRevision, Consumer<ObjectEvent<T>> onEvent, Consumer<StoreException> onClosed) {
        return registry.watch(codec.prefix(), fromRevision, new WatchListener() {
            @Override
            public void onEvent(WatchEvent event) {
                onEvent.accept(toObjectEvent(event));
            }

            @Override
            public void onClosed(StoreException cause) {
                onClosed.accept(cause);
            }
        });
    }

    private ObjectEvent<T> toObjectEvent(WatchEvent event) {
        if (event.type() == WatchEvent.Type.DELETE) {
            KeyValue last = event.previous() != null ? event.previous() : event.entry();
            return new ObjectEvent<>(ObjectEvent.Type.DELETED, codec.decode(last), event.revision());
        }
        ObjectEvent.Type type = event.isCreate() ? ObjectEvent.Type.ADDED : ObjectEvent.Type.MODIFIED;
        return new ObjectEvent<>(type, codec.decode(event.entry()), event.revision());
    }

    private static StoreException asStoreException(Throwable cause) {
        if (cause instanceof StoreException storeException) {
            return storeException;
        }
        return new StoreException(StoreException.Reason.INTERNAL, null, "list failed: " + cause, cause);
    }
}
