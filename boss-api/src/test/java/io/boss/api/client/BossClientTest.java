package io.boss.api.client;

import static io.boss.api.client.FakeApiServer.respond;
import static io.boss.api.client.FakeApiServer.respondJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.ResourceKind;
import io.boss.api.error.ApiError;
import io.boss.api.error.BossApiException;
import io.boss.api.error.ErrorReasons;
import io.boss.api.json.Serialization;
import io.boss.api.model.ClusterView;
import io.boss.api.model.Examples;
import io.boss.api.model.Node;
import io.boss.api.model.ObjectList;
import io.boss.api.model.Pod;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class BossClientTest {

    private static final String NO_QUORUM = "{\"code\":503,\"reason\":\"NoQuorum\",\"message\":\"group cannot commit\"}";

    private static BossClient client(String endpoints, Duration retryTimeout) {
        return BossClient.builder().endpoints(endpoints).retryTimeout(retryTimeout)
                .requestTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void requestFailsOverToHealthyReplica() throws Exception {
        Pod pod = Examples.pod();
        try (FakeApiServer unavailable = new FakeApiServer((exchange, request) -> respond(exchange, 503, NO_QUORUM));
             FakeApiServer healthy = new FakeApiServer((exchange, request) -> respondJson(exchange, 200, pod))) {
            String endpoints = "http://127.0.0.1:" + FakeApiServer.closedPort() + "," + unavailable.url() + ","
                    + healthy.url();
            BossClient client = client(endpoints, Duration.ofSeconds(5));

            Optional<Pod> first = client.get(Pod.class, "default", "web-1");
            Optional<Pod> second = client.get(Pod.class, "default", "web-1");

            assertEquals(Optional.of(pod), first);
            assertEquals(Optional.of(pod), second);
            assertEquals(1, unavailable.requests().size(), "the client must stick to the replica that responded");
            assertEquals(2, healthy.requests().size());
            assertEquals("/api/v1/namespaces/default/pods/web-1", healthy.requests().get(0).path());
        }
    }

    @Test
    void allReplicasDownFailsWithNoQuorum() throws Exception {
        try (FakeApiServer unavailable = new FakeApiServer((exchange, request) -> respond(exchange, 503, NO_QUORUM))) {
            BossClient client = client("http://127.0.0.1:" + FakeApiServer.closedPort() + "," + unavailable.url(),
                    Duration.ofMillis(400));
            long start = System.nanoTime();

            BossApiException error = assertThrows(BossApiException.class, client::cluster);

            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(503, error.code());
            assertEquals(ErrorReasons.NO_QUORUM, error.reason());
            assertTrue(error.getMessage().contains("group cannot commit"), error.getMessage());
            assertTrue(elapsedMillis >= 400, "gave up after only " + elapsedMillis + " ms");
            assertTrue(elapsedMillis < 5_000, "gave up only after " + elapsedMillis + " ms");
            assertTrue(unavailable.requests().size() >= 2, "the client must retry rounds until the timeout");
        }
    }

    @Test
    void errorResponseCarriesApiError() throws Exception {
        ApiError conflict = ApiError.conflict("pods \"web-1\": resourceVersion 41 is stale, current is 42");
        try (FakeApiServer server = new FakeApiServer((exchange, request) -> respondJson(exchange, 409, conflict))) {
            BossClient client = client(server.url(), Duration.ofSeconds(5));

            BossApiException error = assertThrows(BossApiException.class, () -> client.update(Examples.pod()));

            assertEquals(conflict, error.error());
            assertEquals("PUT", server.requests().get(0).method());
        }
    }

    @Test
    void errorWithoutJsonBodyGetsReasonFromStatus() throws Exception {
        try (FakeApiServer server = new FakeApiServer((exchange, request) -> respond(exchange, 413, "too big"))) {
            BossClient client = client(server.url(), Duration.ofSeconds(5));

            BossApiException error = assertThrows(BossApiException.class, () -> client.create(Examples.pod()));

            assertEquals(new ApiError(413, ErrorReasons.REQUEST_ENTITY_TOO_LARGE, "too big"), error.error());
        }
    }

    @Test
    void createPostsJsonAndReturnsStoredObject() throws Exception {
        Pod stored = Examples.pod();
        try (FakeApiServer server = new FakeApiServer((exchange, request) -> respondJson(exchange, 201, stored))) {
            BossClient client = client(server.url(), Duration.ofSeconds(5));
            Pod request = new Pod(null, "web-1");

            Pod created = client.create(request);

            FakeApiServer.Request seen = server.requests().get(0);
            assertEquals(stored, created);
            assertEquals("POST", seen.method());
            assertEquals("/api/v1/namespaces/default/pods", seen.path());
            assertEquals(request, Serialization.read(seen.body().getBytes(StandardCharsets.UTF_8), Pod.class));
        }
    }

    /** Starts a replica that already contains {@code stored}: a create conflicts and a read returns it. */
    private static FakeApiServer holding(Pod stored) throws IOException {
        return new FakeApiServer((exchange, request) -> {
            if (request.method().equals("POST")) {
                respondJson(exchange, 409, ApiError.alreadyExists("pods \"web-1\" already exists"));
            } else {
                respondJson(exchange, 200, stored);
            }
        });
    }

    /**
     * The first replica responds 503 to a create that committed anyway; the retry on the second
     * replica finds the object there. A stand-in server, because a real one cannot be made to commit
     * a write after responding 503 on demand.
     */
    @Test
    void retriedCreateReturnsOwnEarlierObject() throws Exception {
        Pod stored = Examples.pod();
        try (FakeApiServer ambiguous = new FakeApiServer((exchange, request) -> respond(exchange, 503, NO_QUORUM));
             FakeApiServer next = holding(stored)) {
            BossClient client = client(ambiguous.url() + "," + next.url(), Duration.ofSeconds(5));
            Pod request = Serialization.read(Serialization.toJsonBytes(stored), Pod.class);
            request.getMetadata().setResourceVersion(null);

            Pod created = client.create(request);

            assertEquals(stored, created);
            assertEquals("GET", next.requests().get(1).method());
        }
    }

    @Test
    void retriedCreateOfOtherObjectConflicts() throws Exception {
        Pod stored = Examples.pod();
        try (FakeApiServer ambiguous = new FakeApiServer((exchange, request) -> respond(exchange, 503, NO_QUORUM));
             FakeApiServer next = holding(stored)) {
            BossClient client = client(ambiguous.url() + "," + next.url(), Duration.ofSeconds(5));
            Pod request = Serialization.read(Serialization.toJsonBytes(stored), Pod.class);
            request.getMetadata().getLabels().put("team", "other");

            BossApiException error = assertThrows(BossApiException.class, () -> client.create(request));

            assertEquals(409, error.error().code());
        }
    }

    @Test
    void createConflictWithoutRetryFails() throws Exception {
        Pod stored = Examples.pod();
        try (FakeApiServer server = new FakeApiServer((exchange, request) ->
                respondJson(exchange, 409, ApiError.alreadyExists("pods \"web-1\" already exists")))) {
            BossClient client = client(server.url(), Duration.ofSeconds(5));

            BossApiException error = assertThrows(BossApiException.class, () -> client.create(stored));

            assertEquals(409, error.error().code());
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void clusterScopedPathsHaveNoNamespace() throws Exception {
        Node node = Examples.node();
        try (FakeApiServer server = new FakeApiServer((exchange, request) -> respondJson(exchange, 200, node))) {
            BossClient client = client(server.url(), Duration.ofSeconds(5));

            client.updateStatus(node);
            client.delete(Node.class, "ignored", "node-1", "42");

            assertEquals("/api/v1/nodes/node-1/status", server.requests().get(0).path());
            assertEquals("DELETE", server.requests().get(1).method());
            assertEquals("/api/v1/nodes/node-1", server.requests().get(1).path());
            assertEquals("42", server.requests().get(1).query().get("resourceVersion"));
        }
    }

    @Test
    void getOfMissingObjectIsEmpty() throws Exception {
        try (FakeApiServer server = new FakeApiServer((exchange, request) ->
                respondJson(exchange, 404, ApiError.notFound("pods \"x\" not found")))) {
            BossClient client = client(server.url(), Duration.ofSeconds(5));

            assertEquals(Optional.empty(), client.get(Pod.class, "default", "x"));
        }
    }

    @Test
    void listSendsSelectorsAndReturnsRevision() throws Exception {
        ObjectList<Pod> list = new ObjectList<>(ResourceKind.POD, List.of(Examples.pod()), "77");
        try (FakeApiServer server = new FakeApiServer((exchange, request) -> respondJson(exchange, 200, list))) {
            BossClient client = client(server.url(), Duration.ofSeconds(5));

            ObjectList<Pod> result = client.list(Pod.class, null, "env in (prod, qa),!canary", "spec.nodeName=");

            FakeApiServer.Request seen = server.requests().get(0);
            assertEquals("/api/v1/pods", seen.path());
            assertEquals("env in (prod, qa),!canary", seen.query().get("labelSelector"));
            assertEquals("spec.nodeName=", seen.query().get("fieldSelector"));
            assertEquals("77", result.resourceVersion());
            assertEquals(list.getItems(), result.getItems());
        }
    }

    @Test
    void clusterViewAndLogsAreRead() throws Exception {
        ClusterView view = new ClusterView();
        view.setLeaderId("r2");
        view.setTerm(7);
        try (FakeApiServer server = new FakeApiServer((exchange, request) -> {
            if (request.path().endsWith("/log")) {
                respond(exchange, 200, "line 1\nline 2\n");
            } else {
                respondJson(exchange, 200, view);
            }
        })) {
            BossClient client = client(server.url(), Duration.ofSeconds(5));

            ClusterView readView = client.cluster();
            String logs;
            try (InputStream stream = client.podLogs("default", "web-1", true, 10)) {
                logs = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            }

            assertEquals(view, readView);
            assertEquals("line 1\nline 2\n", logs);
            FakeApiServer.Request logRequest = server.requests().get(1);
            assertEquals("/api/v1/namespaces/default/pods/web-1/log", logRequest.path());
            assertEquals("true", logRequest.query().get("follow"));
            assertEquals("10", logRequest.query().get("tailLines"));
        }
    }

    @Test
    void builderRejectsBadSettings() {
        IllegalArgumentException badUrl = assertThrows(IllegalArgumentException.class,
                () -> BossClient.builder().endpoints("127.0.0.1:8080"));
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> BossClient.builder().build());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> BossClient.builder().retryTimeout(Duration.ZERO));

        assertTrue(badUrl.getMessage().startsWith("invalid endpoint \"127.0.0.1:8080\""), badUrl.getMessage());
        assertTrue(none.getMessage().startsWith("no endpoint given"), none.getMessage());
        assertEquals("retryTimeout must be positive, got PT0S", zero.getMessage());
    }
}
