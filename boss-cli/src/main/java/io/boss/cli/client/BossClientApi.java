package io.boss.cli.client;

import io.boss.api.ResourceKind;
import io.boss.api.client.BossClient;
import io.boss.api.client.WatchListener;
import io.boss.api.error.BossApiException;
import io.boss.api.error.ErrorReasons;
import io.boss.api.model.ClusterView;
import io.boss.api.model.ObjectList;
import io.boss.api.model.Resource;
import io.boss.api.model.WatchEvent;
import io.boss.api.security.AccessReview;
import io.boss.cli.config.CliSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ClusterApi} over {@link BossClient}. The client fails over between the endpoints and
 * retries until its retry timeout; when every attempt failed to connect, the resulting 503
 * NoQuorum becomes an {@link UnreachableClusterException} that names the endpoints, so the user
 * can tell a dead server list from a live cluster without quorum.
 */
public final class BossClientApi implements ClusterApi {

    /** How long {@link #clusterAt} waits for one replica, so a dead replica delays the table only briefly. */
    private static final Duration SINGLE_REPLICA_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(BossClientApi.class);

    private final BossClient client;
    private final List<String> endpoints;
    private final CliSettings settings;

    private BossClientApi(BossClient client, List<String> endpoints, CliSettings settings) {
        this.client = client;
        this.endpoints = List.copyOf(endpoints);
        this.settings = settings;
    }

    /** Opens a client on the settings' servers with their retry timeout. */
    public static ClusterApi open(CliSettings settings) {
        BossClient client = builder(settings, String.join(",", settings.servers()), settings.retryTimeout()).build();
        return new BossClientApi(client, settings.servers(), settings);
    }

    private static BossClient.Builder builder(CliSettings settings, String endpoints, Duration retryTimeout) {
        CliSettings.Credentials credentials = settings.credentials();
        BossClient.Builder builder = BossClient.builder()
                .endpoints(endpoints)
                .retryTimeout(retryTimeout)
                .bearerToken(credentials.token());
        if (credentials.caFile() != null) {
            builder.caFile(credentials.caFile());
        }
        if (credentials.clientCertFile() != null) {
            builder.clientCertificate(credentials.clientCertFile(), credentials.clientKeyFile());
        }
        return builder;
    }

    @Override
    public List<String> endpoints() {
        return endpoints;
    }

    @Override
    public Optional<Resource> get(ResourceKind kind, String namespace, String name) {
        return call(() -> client.get(kind.type(), namespace, name).map(Resource.class::cast));
    }

    @Override
    @SuppressWarnings("unchecked")
    public ObjectList<Resource> list(ResourceKind kind, String namespace, String labelSelector, String fieldSelector) {
        return call(() -> (ObjectList<Resource>) (ObjectList<?>) client.list(kind.type(), namespace, labelSelector, fieldSelector));
    }

    @Override
    public Resource create(Resource object) {
        return call(() -> client.create(object));
    }

    @Override
    public Resource update(Resource object) {
        return call(() -> client.update(object));
    }

    @Override
    public Resource delete(ResourceKind kind, String namespace, String name) {
        return call(() -> client.delete(kind.type(), namespace, name, null));
    }

    @Override
    public AutoCloseable watch(ResourceKind kind, String namespace, String labelSelector, String fieldSelector,
            String resourceVersion, WatchListener<Resource> listener) {
        return call(() -> watchTyped(kind.type(), namespace, labelSelector, fieldSelector, resourceVersion, listener));
    }

    private <T extends Resource> AutoCloseable watchTyped(Class<T> type, String namespace, String labelSelector,
            String fieldSelector, String resourceVersion, WatchListener<Resource> listener) {
        return client.watch(type, namespace, labelSelector, fieldSelector, resourceVersion, new WatchListener<T>() {
            @Override
            public void onEvent(WatchEvent<T> event) {
                listener.onEvent(new WatchEvent<>(event.getType(), event.getObject()));
            }

            @Override
            public void onResync(List<T> items, String listedVersion) {
                listener.onResync(new ArrayList<>(items), listedVersion);
            }

            @Override
            public void onBookmark(String bookmarkVersion) {
                listener.onBookmark(bookmarkVersion);
            }

            @Override
            public void onClose(Throwable error) {
                listener.onClose(error instanceof RuntimeException ? translate((RuntimeException) error) : error);
            }
        });
    }

    @Override
    public ClusterView cluster() {
        return call(client::cluster);
    }

    @Override
    public Optional<ClusterView> clusterAt(String endpoint) {
        try (BossClient single = builder(settings, endpoint, SINGLE_REPLICA_TIMEOUT)
                .requestTimeout(SINGLE_REPLICA_TIMEOUT).build()) {
            return Optional.of(single.cluster());
        } catch (BossApiException e) {
            LOG.debug("replica {} did not report its own view: {}", endpoint, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public AccessReview canI(String verb, String resource, String namespace, String name) {
        return call(() -> client.canI(verb, resource, namespace, name));
    }

    @Override
    public InputStream podLogs(String namespace, String name, boolean follow, Integer tailLines) {
        return call(() -> client.podLogs(namespace, name, follow, tailLines));
    }

    @Override
    public void close() {
        client.close();
    }

    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    /** Replaces a NoQuorum caused by failed connections with {@link UnreachableClusterException}. */
    private RuntimeException translate(RuntimeException error) {
        if (error instanceof BossApiException
                && ((BossApiException) error).is(ErrorReasons.NO_QUORUM)
                && error.getCause() instanceof IOException) {
            return new UnreachableClusterException(endpoints, describe((IOException) error.getCause()), error);
        }
        return error;
    }

    /** Returns the usual words for a connection failure; the JDK client often leaves the message empty. */
    static String describe(IOException failure) {
        if (failure instanceof ConnectException) {
            return "connection refused";
        }
        if (failure instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (failure instanceof HttpTimeoutException) {
            return "request timed out";
        }
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
