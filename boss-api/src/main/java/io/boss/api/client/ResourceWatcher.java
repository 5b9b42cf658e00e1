package io.boss.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.boss.api.ResourceKind;
import io.boss.api.error.ApiError;
import io.boss.api.error.BossApiException;
import io.boss.api.json.Serialization;
import io.boss.api.model.ObjectList;
import io.boss.api.model.Resource;
import io.boss.api.model.WatchEvent;
import io.boss.api.model.WatchEventType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop behind one watch: opens the stream, delivers events, and on a broken stream reconnects
 * from the last seen revision, to the next replica when the connection failed. A 410 Expired
 * (as a status or as an ERROR event) triggers a re-list and a resync. Runs on its own daemon
 * thread; {@link #close()} may be called from any thread.
 */
final class ResourceWatcher<T extends Resource> implements WatchHandle, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceWatcher.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final BossClient client;
    private final FailoverTransport transport;
    private final Class<T> type;
    private final ResourceKind kind;
    private final String namespace;
    private final String labelSelector;
    private final String fieldSelector;
    private final WatchListener<T> listener;
    private final Thread thread;

    private volatile String resourceVersion;
    private volatile boolean closed;
    private volatile InputStream openStream;

    ResourceWatcher(BossClient client, FailoverTransport transport, Class<T> type, String namespace,
                    String labelSelector, String fieldSelector, String fromResourceVersion, WatchListener<T> listener) {
        this.client = client;
        this.transport = transport;
        this.type = type;
        this.kind = ResourceKind.of(type);
        this.namespace = namespace;
        this.labelSelector = labelSelector;
        this.fieldSelector = fieldSelector;
        this.listener = listener;
        this.resourceVersion = fromResourceVersion == null || fromResourceVersion.isEmpty() ? null : fromResourceVersion;
        this.thread = new Thread(this, "boss-watch-" + kind.plural());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        Throwable failure = null;
        Duration backoff = FIRST_BACKOFF;
        try {
            while (!closed) {
                if (resourceVersion == null) {
                    resync();
                }
                boolean progressed = streamOnce();
                if (progressed) {
                    backoff = FIRST_BACKOFF;
                } else if (!closed) {
                    Thread.sleep(backoff.toMillis());
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (BossApiException e) {
            if (!closed) {
                failure = e;
                LOG.warn("watch of {} stopped: {}", kind.plural(), e.getMessage());
            }
        } catch (RuntimeException e) {
            if (!closed) {
                failure = e;
                LOG.error("watch of {} stopped by a listener or client failure", kind.plural(), e);
            }
        } finally {
            closed = true;
            listener.onClose(failure);
        }
    }

    /** Lists the objects and hands them to the listener; retries while no replica responds. */
    private void resync() throws InterruptedException {
        while (!closed) {
            try {
                ObjectList<T> list = client.list(type, namespace, labelSelector, fieldSelector);
                LOG.info("watch of {} resynced at revision {} with {} objects", kind.plural(),
                        list.resourceVersion(), list.getItems().size());
                listener.onResync(list.getItems(), list.resourceVersion());
                resourceVersion = list.resourceVersion();
                return;
            } catch (BossApiException e) {
                if (e.code() != 503) {
                    throw e;
                }
                LOG.warn("watch of {} could not list, retrying: {}", kind.plural(), e.getMessage());
                Thread.sleep(MAX_BACKOFF.toMillis());
            }
        }
    }

    /**
     * Opens one stream and delivers its events until it ends. Returns true when at least one line
     * arrived, so a stream that keeps failing at once is retried with backoff.
     */
    private boolean streamOnce() {
        String path = client.watchPath(kind, namespace, labelSelector, fieldSelector, resourceVersion);
        HttpResponse<InputStream> response;
        try {
            response = transport.send(path, builder -> builder.GET(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (BossApiException e) {
            LOG.warn("watch of {} could not reconnect from revision {}: {}", kind.plural(), resourceVersion,
                    e.getMessage());
            return false;
        }

        int failedIndex = transport.currentIndex();
        if (response.statusCode() == 410) {
            LOG.info("watch of {} from revision {} expired, listing again", kind.plural(), resourceVersion);
            FailoverTransport.bodyText(response);
            resourceVersion = null;
            return true;
        }
        if (response.statusCode() / 100 != 2) {
            BossApiException error = FailoverTransport.errorOf(response);
            if (response.statusCode() / 100 == 4) {
                throw error;
            }
            // A replica that responds 504 lags behind the revision this watch has seen. One whose
            // Raft server is stuck responds so every time, so the next attempt goes to another one.
            LOG.warn("watch of {} failed with {} from {}, retrying on the next replica", kind.plural(),
                    error.getMessage(), transport.currentEndpoint());
            transport.skip(failedIndex);
            return false;
        }

        return readEvents(response.body(), failedIndex);
    }

    // NOTE: no idle timeout is applied. A replica cut off by a partition that leaves the TCP
    // connection open blocks readLine until the OS gives up on the socket.
    private boolean readEvents(InputStream body, int endpointIndex) {
        openStream = body;
        boolean progressed = false;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while (!closed && (line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                progressed = true;
                if (!deliver(line)) {
                    return true;
                }
            }
            LOG.debug("watch stream of {} ended at revision {}", kind.plural(), resourceVersion);
        } catch (IOException e) {
            if (!closed) {
                LOG.info("watch stream of {} broke at revision {}, resuming on another replica: {}", kind.plural(),
                        resourceVersion, e.toString());
                transport.skip(endpointIndex);
            }
        } finally {
            openStream = null;
        }
        return progressed;
    }

    /** Handles one line; returns false when the stream must be abandoned. */
    private boolean deliver(String line) {
        JsonNode tree;
        WatchEventType eventType;
        try {
            tree = Serialization.json().readTree(line);
            eventType = WatchEventType.valueOf(tree.path("type").asText());
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("watch of {} received an unreadable line, reconnecting: {}", kind.plural(), e.toString());
            return false;
        }
        JsonNode object = tree.path("object");

        switch (eventType) {
            case ERROR:
                ApiError error = FailoverTransport.apiErrorOf(object.path("code").asInt(500), object.toString());
                if (error.code() == 410) {
                    LOG.info("watch of {} from revision {} expired, listing again", kind.plural(), resourceVersion);
                    resourceVersion = null;
                } else {
                    LOG.warn("watch of {} received error {}, reconnecting", kind.plural(), error);
                }
                return false;
            case BOOKMARK:
                String bookmark = object.path("metadata").path("resourceVersion").asText(null);
                if (bookmark != null) {
                    resourceVersion = bookmark;
                    listener.onBookmark(bookmark);
                }
                return true;
            default:
                T value = Serialization.read(Serialization.json(), object.toString().getBytes(StandardCharsets.UTF_8),
                        Serialization.json().constructType(type));
                listener.onEvent(new WatchEvent<>(eventType, value));
                if (value.getMetadata() != null && value.getMetadata().getResourceVersion() != null) {
                    resourceVersion = value.getMetadata().getResourceVersion();
                }
                return true;
        }
    }

    @Override
    public String resourceVersion() {
        return resourceVersion;
    }

    @Override
    public boolean isActive() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        InputStream stream = openStream;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                LOG.debug("closing watch stream of {} failed: {}", kind.plural(), e.toString());
            }
        }
        thread.interrupt();
    }
}
