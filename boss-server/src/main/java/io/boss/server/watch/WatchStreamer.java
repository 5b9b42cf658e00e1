package io.boss.server.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boss.api.ResourceKind;
import io.boss.server.errors.ApiException;
import io.boss.server.registry.ObjectFilter;
import io.boss.server.registry.RegistryKeys;
import io.boss.server.registry.ResourceRegistry;
import io.boss.store.Registry;
import io.boss.store.StoreException;
import jakarta.ws.rs.core.StreamingOutput;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens watch streams: newline-delimited JSON events of one kind, replayed from a revision and
 * then live, each revision at most once and in order.
 *
 * <p>Checks that can fail before the first byte (a revision this replica has not applied yet, or
 * one older than its history) fail the request with a normal error response. Each stream runs on
 * the request thread that writes it; {@link #closeAll()} ends every open stream when the server
 * stops, so shutdown does not wait for them.
 */
public final class WatchStreamer {

    /** The resourceVersion of a watch that starts after the replica's current revision. */
    public static final long FROM_NOW = -1;

    private final Registry store;
    private final ResourceRegistry registry;
    private final ObjectMapper json;
    private final Duration bookmarkInterval;
    private final Duration requestTimeout;
    private final Set<WatchStream> open = ConcurrentHashMap.newKeySet();

    public WatchStreamer(Registry store, ResourceRegistry registry, ObjectMapper json,
                         Duration bookmarkInterval, Duration requestTimeout) {
        this.store = store;
        this.registry = registry;
        this.json = json;
        this.bookmarkInterval = bookmarkInterval;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Prepares a watch of {@code kind} in {@code namespace} (every namespace when null) that
     * delivers the changes after {@code resourceVersion}, or after the current revision when it is
     * {@link #FROM_NOW}. A resourceVersion of 0 is the revision of the empty registry, which a list
     * returns before the first write. Such a watch delivers every change, so none is lost between
     * that list and the watch.
     *
     * @throws ApiException 410 Expired when that revision is older than this replica's history,
     *     504 Timeout when this replica has not applied it within the request timeout
     */
    public StreamingOutput open(ResourceKind kind, String namespace, ObjectFilter filter, long resourceVersion) {
        long fromRevision;
        if (resourceVersion == FROM_NOW) {
            fromRevision = store.currentRevision() + 1;
        } else {
            awaitApplied(resourceVersion);
            fromRevision = resourceVersion + 1;
        }

        long oldest = store.oldestWatchableRevision();
        if (fromRevision < oldest) {
            throw ApiException.expired("resourceVersion " + resourceVersion + " is too old: this replica keeps"
                    + " history from revision " + oldest + "; list again and watch from the list's resourceVersion");
        }

        WatchStream stream = new WatchStream(this, kind, filter, fromRevision);
        return output -> stream.run(RegistryKeys.prefix(kind, namespace), output);
    }

    /** Number of watch streams open on this replica. */
    public int openWatches() {
        return open.size();
    }

    /** Ends every open stream; called when the server starts stopping. */
    public void closeAll() {
        for (WatchStream stream : open) {
            stream.shutdown();
        }
    }

    Registry store() {
        return store;
    }

    ObjectMapper json() {
        return json;
    }

    Duration bookmarkInterval() {
        return bookmarkInterval;
    }

    ObjectNode read(io.boss.store.KeyValue entry) {
        return registry.toObject(entry);
    }

    void opened(WatchStream stream) {
        open.add(stream);
    }

    void closed(WatchStream stream) {
        open.remove(stream);
    }

    private void awaitApplied(long revision) {
        try {
            store.awaitRevision(revision, requestTimeout).get(requestTimeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException store && store.reason() == StoreException.Reason.TIMEOUT) {
                throw ApiException.timeout("This replica has not applied resourceVersion " + revision
                        + " within " + requestTimeout.toMillis() + " ms; retry or watch through another replica");
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw ApiException.timeout("This replica has not applied resourceVersion " + revision + " in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.timeout("Interrupted while waiting for resourceVersion " + revision);
        }
    }
}
