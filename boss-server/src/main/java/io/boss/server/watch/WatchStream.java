package io.boss.server.watch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boss.api.ResourceKind;
import io.boss.api.model.Resource;
import io.boss.server.errors.ApiException;
import io.boss.server.errors.ErrorClassifier;
import io.boss.server.registry.ObjectFilter;
import io.boss.store.StoreException;
import io.boss.store.Watch;
import io.boss.store.WatchEvent;
import io.boss.store.WatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One open watch: receives store events on the store's delivery thread, and writes them as
 * newline-delimited JSON on the request thread.
 *
 * <p>An object that stops matching the filter is sent as DELETED, and one that starts matching as
 * ADDED, so the client's view of the filtered set stays exact. A BOOKMARK carries the revision of
 * the newest event this stream has handled, sent or filtered out. Every matching event up to it
 * has been written, so a watch resumed from it misses nothing. The store watch is closed however the stream ends,
 * including when the client disconnects.
 */
final class WatchStream implements WatchListener {

    private static final Logger LOG = LoggerFactory.getLogger(WatchStream.class);

    /** Queue item: a store event, or the end of the watch with its cause (null for a requested close). */
    private record Item(WatchEvent event, boolean end, StoreException cause) {
    }

    private final WatchStreamer streamer;
    private final ResourceKind kind;
    private final ObjectFilter filter;
    private final long fromRevision;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();

    WatchStream(WatchStreamer streamer, ResourceKind kind, ObjectFilter filter, long fromRevision) {
        this.streamer = streamer;
        this.kind = kind;
        this.filter = filter;
        this.fromRevision = fromRevision;
    }

    @Override
    public void onEvent(WatchEvent event) {
        queue.add(new Item(event, false, null));
    }

    @Override
    public void onClosed(StoreException cause) {
        queue.add(new Item(null, true, cause));
    }

    void shutdown() {
        queue.add(new Item(null, true, new StoreException(StoreException.Reason.CLOSED, null, "the server is stopping")));
    }

    void run(String prefix, OutputStream output) throws IOException {
        streamer.opened(this);
        Watch watch = streamer.store().watch(prefix, fromRevision, this);
        LOG.debug("Watch of {} opened from revision {}", prefix, fromRevision);
        try {
            stream(output);
        } catch (IOException e) {
            LOG.debug("Watch of {} ended because the client disconnected: {}", prefix, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watch.close();
            streamer.closed(this);
        }
    }

    private void stream(OutputStream output) throws IOException, InterruptedException {
        long bookmarkMillis = streamer.bookmarkInterval().toMillis();
        long lastRevision = fromRevision - 1;
        long nextBookmark = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(bookmarkMillis);

        // A flush with nothing written does not commit the response in Jersey, so an idle watch
        // would send no headers until its first event. An opening BOOKMARK at the start revision
        // commits them at once, and a client resuming from it misses nothing.
        write(output, "BOOKMARK", bookmark(lastRevision));
        while (true) {
            long waitNanos = nextBookmark - System.nanoTime();
            Item item = waitNanos > 0 ? queue.poll(waitNanos, TimeUnit.NANOSECONDS) : null;

            if (item == null) {
                write(output, "BOOKMARK", bookmark(lastRevision));
                nextBookmark = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(bookmarkMillis);
                continue;
            }
            if (item.end()) {
                if (item.cause() != null) {
                    ApiException error = ErrorClassifier.classify(item.cause());
                    write(output, "ERROR", streamer.json().valueToTree(error.toApiError()));
                }
                return;
            }

            lastRevision = item.event().revision();
            translate(item.event(), output);
        }
    }

    private void translate(WatchEvent event, OutputStream output) throws IOException {
        if (event.type() == WatchEvent.Type.DELETE) {
            ObjectNode removed = streamer.read(event.entry());
            if (filter.matches(removed)) {
                write(output, "DELETED", removed);
            }
            return;
        }

        ObjectNode current = streamer.read(event.entry());
        boolean matchesNow = filter.matches(current);
        boolean matchedBefore = event.previous() != null && filter.matches(streamer.read(event.previous()));
        if (matchesNow && matchedBefore) {
            write(output, "MODIFIED", current);
        } else if (matchesNow) {
            write(output, "ADDED", current);
        } else if (matchedBefore) {
            write(output, "DELETED", current);
        }
    }

    private ObjectNode bookmark(long revision) {
        ObjectNode object = streamer.json().createObjectNode();
        object.put("apiVersion", Resource.API_VERSION);
        object.put("kind", kind.kind());
        object.putObject("metadata").put("resourceVersion", Long.toString(revision));
        return object;
    }

    private void write(OutputStream output, String type, ObjectNode object) throws IOException {
        ObjectNode event = streamer.json().createObjectNode();
        event.put("type", type);
        event.set("object", object);
        output.write(streamer.json().writeValueAsBytes(event));
        output.write('\n');
        output.flush();
    }
}
