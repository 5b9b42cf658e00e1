package io.boss.server.informer;

import io.boss.api.model.Resource;
import io.boss.store.StoreException;
import io.boss.store.Watch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Keeps an {@link Indexer} in step with one kind in the store and notifies handlers of each change.
 *
 * <p>It lists, then watches from the revision after the list's. When a watch breaks it resumes from
 * the last revision it applied. When the store answers {@code EXPIRED} (that revision left the
 * history) it lists again and delivers the difference from its cache as adds, updates and deletes. After the
 * first list has been applied {@link #hasSynced()} is true.
 *
 * <p>Threading: one thread per informer applies every change to the cache and calls the handlers,
 * in revision order, so handlers never run concurrently with each other. The watch delivers into a
 * queue that this thread drains. Register handlers before {@link #start()}; a handler registered
 * later misses the objects already added.
 */
public final class Informer<T extends Resource> {

    private static final Logger LOG = LoggerFactory.getLogger(Informer.class);

    private final String name;
    private final ListerWatcher<T> source;
    private final Indexer<T> indexer;
    private final Duration retryDelay;
    private final List<ResourceEventHandler<T>> handlers = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Signal<T>> signals = new LinkedBlockingQueue<>();
    private final CountDownLatch synced = new CountDownLatch(1);

    private volatile boolean running;
    private volatile long lastRevision;
    /**
     * Revision the next watch starts from. After an event it is that event's own revision, because
     * one atomic batch gives several events the same revision and a watch may break between them;
     * re-applying an event the cache already contains changes nothing.
     */
    private long watchFrom = 1;
    private volatile int relists;
    private Thread thread;
    private Watch watch;
    private int watchGeneration;

    /**
     * @param name       short name used in the thread name and logs, such as {@code pods}
     * @param retryDelay pause before listing or watching again after a store failure
     */
    public Informer(String name, ListerWatcher<T> source, Indexer<T> indexer, Duration retryDelay) {
        this.name = name;
        this.source = source;
        this.indexer = indexer;
        this.retryDelay = retryDelay;
    }

    public void addEventHandler(ResourceEventHandler<T> handler) {
        handlers.add(handler);
    }

    public Indexer<T> indexer() {
        return indexer;
    }

    /** Returns true once the first list is in the cache and its events are delivered. */
    public boolean hasSynced() {
        return synced.getCount() == 0;
    }

    /** Waits up to {@code timeout} for {@link #hasSynced()}; returns whether it became true. */
    public boolean awaitSynced(Duration timeout) throws InterruptedException {
        return synced.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Returns the revision of the last change applied to the cache. */
    public long lastRevision() {
        return lastRevision;
    }

    /** Returns how many times the informer listed again after an expired watch. */
    public int relistCount() {
        return relists;
    }

    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("informer " + name + " already started");
        }
        running = true;
        thread = new Thread(this::run, "informer-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the watch and the informer thread and waits for it to end. Handlers get no more calls. */
    public void stop() throws InterruptedException {
        Thread current;
        synchronized (this) {
            running = false;
            current = thread;
        }
        if (current != null) {
            current.interrupt();
            current.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private void run() {
        boolean needList = true;
        while (running) {
            try {
                if (needList) {
                    applyListing(source.list());
                    needList = false;
                }
                needList = watchUntilBroken();
            } catch (StoreException e) {
                LOG.warn("Informer {} failed to list or watch ({}: {}); retrying in {}",
                        name, e.reason(), e.getMessage(), retryDelay);
                needList = needList || e.reason() == StoreException.Reason.EXPIRED;
                pause();
            } catch (InterruptedException e) {
                break;
            }
        }
        closeWatch();
        LOG.debug("Informer {} stopped at revision {}", name, lastRevision);
    }

    /** Watches from the last applied revision; returns true when a new list is needed. */
    private boolean watchUntilBroken() throws InterruptedException {
        signals.clear();
        int generation = ++watchGeneration;
        watch = source.watch(watchFrom,
                event -> signals.add(new Signal<>(generation, event, null, false)),
                cause -> signals.add(new Signal<>(generation, null, cause, true)));
        try {
            while (running) {
                Signal<T> signal = signals.take();
                if (signal.generation() != generation) {
                    continue;
                }
                if (!signal.closed()) {
                    applyEvent(signal.event());
                    continue;
                }
                if (signal.cause() == null || !running) {
                    return false;
                }
                if (signal.cause().reason() == StoreException.Reason.EXPIRED) {
                    LOG.info("Informer {} watch from revision {} expired; listing again", name, watchFrom);
                    relists++;
                    return true;
                }
                LOG.warn("Informer {} watch closed ({}); resuming from revision {} in {}",
                        name, signal.cause().reason(), watchFrom, retryDelay);
                pause();
                return false;
            }
            return false;
        } finally {
            closeWatch();
        }
    }

    private void applyListing(Listing<T> listing) {
        Set<String> listed = new HashSet<>();
        for (T object : listing.items()) {
            listed.add(object.key());
            Optional<T> previous = indexer.put(object);
            if (previous.isEmpty()) {
                notifyAdd(object);
            } else if (!Objects.equals(previous.get().getMetadata().getResourceVersion(),
                    object.getMetadata().getResourceVersion())) {
                notifyUpdate(previous.get(), object);
            }
        }
        for (String key : indexer.keys()) {
            if (!listed.contains(key)) {
                indexer.remove(key).ifPresent(this::notifyDelete);
            }
        }

        lastRevision = listing.revision();
        watchFrom = listing.revision() + 1;
        if (!hasSynced()) {
            LOG.info("Informer {} synced {} objects at revision {}", name, listing.items().size(), listing.revision());
        }
        synced.countDown();
    }

    /**
     * Applies one event unless the cache already reflects it. Events of one batch share a
     * revision, so a revision older than the last applied one is the only duplicate by revision.
     * An event that a resumed watch repeats is recognised by the cached object's resourceVersion
     * and delivers nothing.
     */
    private void applyEvent(ObjectEvent<T> event) {
        if (event.revision() < lastRevision) {
            return;
        }
        T object = event.object();
        Optional<T> cached = indexer.get(object.key());
        boolean alreadyApplied = cached.isPresent() && revisionOf(cached.get()) >= event.revision();
        if (event.type() == ObjectEvent.Type.DELETED) {
            if (!alreadyApplied) {
                indexer.remove(object.key()).ifPresent(this::notifyDelete);
            }
        } else if (!alreadyApplied) {
            Optional<T> previous = indexer.put(object);
            if (previous.isPresent()) {
                notifyUpdate(previous.get(), object);
            } else {
                notifyAdd(object);
            }
        }
        lastRevision = event.revision();
        watchFrom = event.revision();
    }

    private static long revisionOf(Resource object) {
        String resourceVersion = object.getMetadata().getResourceVersion();
        return resourceVersion == null ? 0 : Long.parseLong(resourceVersion);
    }

    private void notifyAdd(T object) {
        for (ResourceEventHandler<T> handler : handlers) {
            try {
                handler.onAdd(object);
            } catch (RuntimeException e) {
                LOG.error("Informer {} handler failed on add of {}", name, object.key(), e);
            }
        }
    }

    private void notifyUpdate(T previous, T current) {
        for (ResourceEventHandler<T> handler : handlers) {
            try {
                handler.onUpdate(previous, current);
            } catch (RuntimeException e) {
                LOG.error("Informer {} handler failed on update of {}", name, current.key(), e);
            }
        }
    }

    private void notifyDelete(T last) {
        for (ResourceEventHandler<T> handler : handlers) {
            try {
                handler.onDelete(last);
            } catch (RuntimeException e) {
                LOG.error("Informer {} handler failed on delete of {}", name, last.key(), e);
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(retryDelay.toMillis());
        } catch (InterruptedException e) {
            running = false;
        }
    }

    private void closeWatch() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
    }

    /** One watch callback. {@code generation} distinguishes the signals of an earlier, closed watch. */
    private record Signal<T extends Resource>(int generation, ObjectEvent<T> event, StoreException cause, boolean closed) {
    }
}
