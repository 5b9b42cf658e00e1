package io.boss.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.boss.api.ResourceKind;
import io.boss.api.error.ApiError;
import io.boss.api.error.BossApiException;
import io.boss.api.error.ErrorReasons;
import io.boss.api.json.Serialization;
import io.boss.api.model.ClusterView;
import io.boss.api.model.ObjectList;
import io.boss.api.model.Resource;
import io.boss.api.model.WatchEvent;
import io.boss.api.model.WatchEventType;
import io.boss.api.security.AccessReview;
import io.boss.api.security.TlsFiles;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Java client of the boss HTTP API, built on {@link HttpClient}. It talks to any of the server
 * replicas: a request goes to the replica that last responded and fails over to the next one on a
 * connection failure or a 503, within a bounded retry time (see {@link Builder#retryTimeout}).
 *
 * <p>Every method throws {@link BossApiException} carrying the server's {@code {code, reason,
 * message}} for an error response, and 503 NoQuorum when no replica responded in time. A namespaced
 * object without {@code metadata.namespace} is sent to namespace {@value #DEFAULT_NAMESPACE}.
 * Thread-safe; one instance is meant to be shared.
 */
public final class BossClient implements AutoCloseable {

    /** Namespace used when a namespaced object names none. */
    public static final String DEFAULT_NAMESPACE = "default";

    private static final String JSON = "application/json";

    private final FailoverTransport transport;
    private final Set<WatchHandle> watches = ConcurrentHashMap.newKeySet();

    private BossClient(FailoverTransport transport) {
        this.transport = transport;
    }

    /**
     * Creates a client with default timeouts for a comma-separated endpoint list such as
     * {@code http://127.0.0.1:8080,http://127.0.0.1:8081}.
     */
    public static BossClient create(String endpoints) {
        return builder().endpoints(endpoints).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates {@code object} and returns it as stored, with uid, resourceVersion and timestamps set.
     *
     * <p>When an attempt failed in a way that may have created the object (a 503 NoQuorum, a dropped
     * connection) and the retry then finds it already there, the object found is returned if its
     * labels, annotations and spec equal the ones sent: that is this call's own create.
     */
    public <T extends Resource> T create(T object) {
        ResourceKind kind = object.resourceKind();
        String namespace = namespaceOf(object);
        FailoverTransport.Outcome<byte[]> outcome = transport.sendTracked(kind.path(namespace, null),
                accepting(withBody("POST", object)), HttpResponse.BodyHandlers.ofByteArray());

        if (outcome.retried() && outcome.response().statusCode() == 409) {
            Optional<T> own = ownEarlierCreate(object, namespace);
            if (own.isPresent()) {
                return own.get();
            }
        }
        return expect(object, outcome.response(), 201, 200);
    }

    @SuppressWarnings("unchecked")
    private <T extends Resource> Optional<T> ownEarlierCreate(T sent, String namespace) {
        Optional<T> stored = get((Class<T>) sent.getClass(), namespace, sent.getMetadata().getName());
        return stored.filter(found -> sameContent(sent, found));
    }

    private static boolean sameContent(Resource sent, Resource found) {
        JsonNode sentSpec = Serialization.json().valueToTree(sent).path("spec");
        JsonNode foundSpec = Serialization.json().valueToTree(found).path("spec");
        return covers(foundSpec, sentSpec)
                && sent.getMetadata().getLabels().equals(found.getMetadata().getLabels())
                && sent.getMetadata().getAnnotations().equals(found.getMetadata().getAnnotations());
    }

    /** Returns true when {@code stored} has every value of {@code sent}; the server may have added defaults. */
    private static boolean covers(JsonNode stored, JsonNode sent) {
        if (sent.isObject()) {
            if (!stored.isObject()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) sent::fields) {
                boolean unset = field.getValue().isNull() || field.getValue().isMissingNode();
                if (!unset && !covers(stored.path(field.getKey()), field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (sent.isArray()) {
            if (!stored.isArray() || stored.size() != sent.size()) {
                return false;
            }
            for (int i = 0; i < sent.size(); i++) {
                if (!covers(stored.get(i), sent.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return sent.equals(stored);
    }

    /** Returns the object, or empty when it does not exist. */
    public <T extends Resource> Optional<T> get(Class<T> type, String namespace, String name) {
        ResourceKind kind = ResourceKind.of(type);
        HttpResponse<byte[]> response = send(kind.path(namespaceFor(kind, namespace), name), HttpRequest.Builder::GET);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(read(type, response, 200));
    }

    /**
     * Lists objects of {@code type}; a null namespace lists every namespace, and null selectors
     * select everything. The result's {@link ObjectList#resourceVersion()} is the revision to start
     * a watch from.
     */
    public <T extends Resource> ObjectList<T> list(Class<T> type, String namespace, String labelSelector,
                                                   String fieldSelector) {
        ResourceKind kind = ResourceKind.of(type);
        String path = kind.path(namespace, null) + query("labelSelector", labelSelector, "fieldSelector", fieldSelector);
        HttpResponse<byte[]> response = send(path, HttpRequest.Builder::GET);
        if (response.statusCode() != 200) {
            throw FailoverTransport.errorOf(response);
        }
        return Serialization.read(Serialization.json(), response.body(), Serialization.listType(type));
    }

    /**
     * Replaces the object's spec and metadata. When {@code metadata.resourceVersion} is set the
     * update succeeds only if it is still current, and fails with 409 Conflict otherwise.
     */
    public <T extends Resource> T update(T object) {
        String path = object.resourceKind().path(namespaceOf(object), object.getMetadata().getName());
        return expect(object, send(path, withBody("PUT", object)), 200);
    }

    /** Replaces the object's status; the server ignores the spec. CAS as in {@link #update}. */
    public <T extends Resource> T updateStatus(T object) {
        String path = object.resourceKind().path(namespaceOf(object), object.getMetadata().getName()) + "/status";
        return expect(object, send(path, withBody("PUT", object)), 200);
    }

    /**
     * Deletes an object and returns its last state. With a non-null {@code resourceVersion} the
     * delete succeeds only if the object is still at that revision (409 Conflict otherwise).
     *
     * @throws BossApiException 404 NotFound when there is no such object
     */
    public <T extends Resource> T delete(Class<T> type, String namespace, String name, String resourceVersion) {
        ResourceKind kind = ResourceKind.of(type);
        String path = kind.path(namespaceFor(kind, namespace), name) + query("resourceVersion", resourceVersion);
        return read(type, send(path, builder -> builder.DELETE()), 200);
    }

    /**
     * Asks the server whether this client's identity may perform {@code verb} on {@code resource}
     * (a plural such as {@code pods} or a subresource such as {@code pods/status}) in
     * {@code namespace} (null for cluster-scoped kinds), for the object {@code name} when not null.
     */
    public AccessReview canI(String verb, String resource, String namespace, String name) {
        String path = "/api/v1/auth/can-i" + query("verb", verb, "resource", resource, "namespace", namespace,
                "name", name);
        return read(AccessReview.class, send(path, HttpRequest.Builder::GET), 200);
    }

    /** Returns the replica group as seen by the replica that serves the request. */
    public ClusterView cluster() {
        return read(ClusterView.class, send("/api/v1/cluster", HttpRequest.Builder::GET), 200);
    }

    /**
     * Opens the log of a pod, proxied by the server from its node agent. With {@code follow} the
     * stream stays open until the pod exits or the caller closes it. {@code tailLines} (null for
     * all) limits the output to the last lines.
     */
    public InputStream podLogs(String namespace, String name, boolean follow, Integer tailLines) {
        String path = ResourceKind.POD.path(namespaceFor(ResourceKind.POD, namespace), name) + "/log"
                + query("follow", follow ? "true" : null, "tailLines", tailLines == null ? null : tailLines.toString());
        HttpResponse<InputStream> response = transport.send(path, HttpRequest.Builder::GET,
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw FailoverTransport.errorOf(response);
        }
        return response.body();
    }

    /**
     * Watches objects of {@code type} on a background thread; see {@link WatchListener} for the
     * delivery contract. A null {@code namespace} watches every namespace. A null or empty
     * {@code fromResourceVersion} starts with a list and a resync. The watch resumes from the last
     * seen revision after a broken stream, on the next replica when the connection failed.
     */
    public <T extends Resource> WatchHandle watch(Class<T> type, String namespace, String labelSelector,
                                                  String fieldSelector, String fromResourceVersion,
                                                  WatchListener<T> listener) {
        ResourceWatcher<T> watcher = new ResourceWatcher<>(this, transport, type, namespace, labelSelector,
                fieldSelector, fromResourceVersion, new UnregisteringListener<>(listener));
        watches.add(watcher);
        watcher.start();
        return watcher;
    }

    /**
     * Watches with a plain consumer. A resync reaches it as one ADDED event per listed object, so
     * a consumer learns of no deletion that happened while the watch was expired; use
     * {@link #watch(Class, String, String, String, String, WatchListener)} where that matters.
     */
    public <T extends Resource> WatchHandle watch(Class<T> type, String namespace, String labelSelector,
                                                  String fieldSelector, String fromResourceVersion,
                                                  Consumer<WatchEvent<T>> consumer) {
        return watch(type, namespace, labelSelector, fieldSelector, fromResourceVersion, new WatchListener<T>() {
            @Override
            public void onEvent(WatchEvent<T> event) {
                consumer.accept(event);
            }

            @Override
            public void onResync(List<T> items, String resourceVersion) {
                for (T item : items) {
                    consumer.accept(new WatchEvent<>(WatchEventType.ADDED, item));
                }
            }
        });
    }

    /** Stops every watch started by this client. */
    @Override
    public void close() {
        for (WatchHandle watch : new ArrayList<>(watches)) {
            watch.close();
        }
    }

    String watchPath(ResourceKind kind, String namespace, String labelSelector, String fieldSelector,
                     String resourceVersion) {
        return kind.path(namespace, null) + query("watch", "true", "resourceVersion", resourceVersion,
                "labelSelector", labelSelector, "fieldSelector", fieldSelector);
    }

    private HttpResponse<byte[]> send(String path, Function<HttpRequest.Builder, HttpRequest.Builder> method) {
        return transport.send(path, accepting(method), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static Function<HttpRequest.Builder, HttpRequest.Builder> accepting(
            Function<HttpRequest.Builder, HttpRequest.Builder> method) {
        return builder -> method.apply(builder.header("Accept", JSON));
    }

    private static Function<HttpRequest.Builder, HttpRequest.Builder> withBody(String method,
                                                                                                   Object body) {
        byte[] json = Serialization.toJsonBytes(body);
        return builder -> builder.header("Content-Type", JSON).method(method, HttpRequest.BodyPublishers.ofByteArray(json));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Resource> T expect(T sent, HttpResponse<byte[]> response, int... accepted) {
        return read((Class<T>) sent.getClass(), response, accepted);
    }

    private static <T> T read(Class<T> type, HttpResponse<byte[]> response, int... accepted) {
        for (int status : accepted) {
            if (response.statusCode() == status) {
                return Serialization.read(response.body(), type);
            }
        }
        throw FailoverTransport.errorOf(response);
    }

    private static String namespaceOf(Resource object) {
        if (object.getMetadata() == null || object.getMetadata().getName() == null) {
            throw new BossApiException(new ApiError(422, ErrorReasons.INVALID,
                    object.resourceKind().kind() + ": metadata.name is required"));
        }
        return namespaceFor(object.resourceKind(), object.getMetadata().getNamespace());
    }

    private static String namespaceFor(ResourceKind kind, String namespace) {
        if (!kind.namespaced()) {
            return null;
        }
        return namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
    }

    /** Builds a query string from name/value pairs, leaving out null and empty values. */
    private static String query(String... namesAndValues) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (value != null && !value.isEmpty()) {
                query.add(namesAndValues[i] + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    /** Removes a finished watch from the client's set before passing the close on. */
    private final class UnregisteringListener<T> implements WatchListener<T> {

        private final WatchListener<T> delegate;

        UnregisteringListener(WatchListener<T> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onEvent(WatchEvent<T> event) {
            delegate.onEvent(event);
        }

        @Override
        public void onResync(List<T> items, String resourceVersion) {
            delegate.onResync(items, resourceVersion);
        }

        @Override
        public void onBookmark(String resourceVersion) {
            delegate.onBookmark(resourceVersion);
        }

        @Override
        public void onClose(Throwable error) {
            watches.removeIf(watch -> !watch.isActive());
            delegate.onClose(error);
        }
    }

    /** Settings of a {@link BossClient}; every one has a default except the endpoints. */
    public static final class Builder {

        private final List<URI> endpoints = new ArrayList<>();
        private Duration retryTimeout = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private String bearerToken;
        private Path caFile;
        private Path clientCertFile;
        private Path clientKeyFile;

        private Builder() {
        }

        /** Sends {@code token} as {@code Authorization: Bearer} on every request; null or blank sends none. */
        public Builder bearerToken(String token) {
            if (token != null && (token.contains("\r") || token.contains("\n"))) {
                throw new IllegalArgumentException("invalid bearer token: it must be one line without line breaks");
            }
            this.bearerToken = token == null || token.isBlank() ? null : token.trim();
            return this;
        }

        /** Trusts the PEM certificates in {@code caFile} for https endpoints instead of the JDK's default trust store. */
        public Builder caFile(Path caFile) {
            this.caFile = caFile;
            return this;
        }

        /** Presents a client certificate (PEM chain in {@code certFile}, PKCS#8 PEM key in {@code keyFile}) on https. */
        public Builder clientCertificate(Path certFile, Path keyFile) {
            this.clientCertFile = certFile;
            this.clientKeyFile = keyFile;
            return this;
        }

        /** Adds endpoints from a comma-separated list of base URLs such as {@code http://127.0.0.1:8080}. */
        public Builder endpoints(String commaSeparated) {
            for (String endpoint : commaSeparated.split(",")) {
                if (endpoint.isBlank()) {
                    continue;
                }
                try {
                    endpoint(new URI(endpoint.trim()));
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("invalid endpoint \"" + endpoint.trim()
                            + "\": expected an http or https URL such as http://127.0.0.1:8080", e);
                }
            }
            return this;
        }

        /**
         * Adds one endpoint.
         *
         * @throws IllegalArgumentException when it is not an absolute http or https URL
         */
        public Builder endpoint(URI endpoint) {
            String scheme = endpoint.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) || endpoint.getHost() == null) {
                throw new IllegalArgumentException("invalid endpoint \"" + endpoint
                        + "\": expected an http or https URL such as http://127.0.0.1:8080");
            }
            endpoints.add(endpoint);
            return this;
        }

        /** Sets the total time one call keeps trying replicas before it fails with 503 NoQuorum; default 30 s. */
        public Builder retryTimeout(Duration retryTimeout) {
            this.retryTimeout = requirePositive(retryTimeout, "retryTimeout");
            return this;
        }

        /** Sets how long one attempt waits for response headers; default 10 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requirePositive(requestTimeout, "requestTimeout");
            return this;
        }

        /** Sets how long one attempt waits for a TCP connection; default 2 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Builds the client.
         *
         * @throws IllegalStateException when no endpoint was given
         */
        public BossClient build() {
            if (endpoints.isEmpty()) {
                throw new IllegalStateException("no endpoint given: add at least one server URL such as "
                        + "http://127.0.0.1:8080");
            }
            HttpClient.Builder http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (caFile != null || clientCertFile != null || clientKeyFile != null) {
                http.sslContext(TlsFiles.sslContext(caFile, clientCertFile, clientKeyFile));
            }
            String authorization = bearerToken == null ? null : "Bearer " + bearerToken;
            return new BossClient(new FailoverTransport(http.build(), endpoints, retryTimeout, requestTimeout,
                    authorization));
        }

        private static Duration requirePositive(Duration value, String name) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}
