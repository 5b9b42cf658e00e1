package io.boss.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.boss.server.testing.HttpApi;
import io.boss.server.testing.HttpApi.Reply;
import io.boss.server.testing.LocalCluster;
import io.dropwizard.util.DataSize;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every kind of bad request gets a JSON error with the right code and reason, and changes nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BadInputTest {

    private static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final String PODS = "/api/v1/namespaces/bad/pods";

    private final HttpApi api = new HttpApi();
    private LocalCluster cluster;
    private URI server;

    @BeforeAll
    void startCluster(@TempDir Path tempDir) {
        cluster = LocalCluster.builder(tempDir).replicas(3).withoutBuiltInLeaderServices()
                .configure(configuration -> configuration.getApi().setMaxRequestBytes(DataSize.bytes(MAX_REQUEST_BYTES)))
                .start();
        server = cluster.replica(1).apiUri();
        assertEquals(201, api.post(server, PODS, Manifests.pod("existing")).status());
        // The update moves the object past revision 1, so the cases below can name 1 as a stale revision.
        assertEquals(200, api.put(server, PODS + "/existing", Manifests.pod("existing", "app", "updated")).status());
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static Stream<Arguments> badRequests() {
        String validPod = Manifests.pod("fresh");
        return Stream.of(
                Arguments.of("malformed JSON", "POST", PODS, "application/json",
                        "{\"apiVersion\": \"boss.io/v1\",\n \"kind\": \"Pod\",", 400, "BadRequest", "line 2"),
                Arguments.of("malformed YAML", "POST", PODS, "application/yaml",
                        "metadata:\n  name: [unclosed\n", 400, "BadRequest", "line"),
                Arguments.of("unknown top-level field", "POST", PODS, "application/json",
                        validPod.replace("\"spec\"", "\"spek\": {}, \"spec\""), 400, "BadRequest", "spek"),
                Arguments.of("unknown nested field", "POST", PODS, "application/json",
                        validPod.replace("\"command\"", "\"imagee\": \"x\", \"command\""), 400, "BadRequest",
                        "spec.containers[0].imagee"),
                Arguments.of("array body", "POST", PODS, "application/json", "[]", 400, "BadRequest", "object"),
                Arguments.of("empty body", "POST", PODS, "application/json", "", 400, "BadRequest", "empty"),
                Arguments.of("invalid fields", "POST", PODS, "application/json",
                        "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"Bad_Name\"}, \"spec\": {\"containers\": []}}",
                        422, "Invalid", "metadata.name"),
                Arguments.of("every invalid field listed", "POST", PODS, "application/json",
                        "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"Bad_Name\"}, \"spec\": {\"containers\": []}}",
                        422, "Invalid", "spec.containers"),
                Arguments.of("namespace mismatch", "POST", PODS, "application/json",
                        validPod.replace("\"name\": \"fresh\"", "\"name\": \"fresh\", \"namespace\": \"other\""),
                        422, "Invalid", "metadata.namespace"),
                Arguments.of("name mismatch on update", "PUT", PODS + "/existing", "application/json",
                        validPod, 422, "Invalid", "metadata.name"),
                Arguments.of("wrong kind", "POST", PODS, "application/json",
                        Manifests.node("fresh"), 422, "Invalid", "kind"),
                Arguments.of("non-numeric resourceVersion", "PUT", PODS + "/existing", "application/json",
                        Manifests.pod("existing").replace("\"name\": \"existing\"",
                                "\"name\": \"existing\", \"resourceVersion\": \"abc\""), 400, "BadRequest", "resourceVersion"),
                Arguments.of("stale resourceVersion", "PUT", PODS + "/existing", "application/json",
                        Manifests.pod("existing", "app", "other").replace("\"name\": \"existing\"",
                                "\"name\": \"existing\", \"resourceVersion\": \"1\""), 409, "Conflict", "stale"),
                Arguments.of("create of existing name", "POST", PODS, "application/json",
                        Manifests.pod("existing"), 409, "AlreadyExists", "existing"),
                Arguments.of("unsupported media type", "POST", PODS, "text/plain", validPod,
                        415, "UnsupportedMediaType", "application/json"),
                Arguments.of("body over the size limit", "POST", PODS, "application/json",
                        "{\"x\": \"" + "a".repeat(MAX_REQUEST_BYTES) + "\"}", 413, "RequestEntityTooLarge", "limit"),
                Arguments.of("unknown kind", "GET", "/api/v1/namespaces/bad/widgets", null, null,
                        404, "NotFound", "pods, nodes"),
                Arguments.of("unknown kind on create", "POST", "/api/v1/namespaces/bad/widgets", "application/json", validPod,
                        404, "NotFound", "widgets"),
                Arguments.of("unknown path", "GET", "/not/a/route", null, null, 404, "NotFound", "route"),
                Arguments.of("missing object", "GET", PODS + "/missing", null, null, 404, "NotFound", "missing"),
                Arguments.of("delete of missing object", "DELETE", PODS + "/missing", null, null, 404, "NotFound", "missing"),
                Arguments.of("method not allowed", "PATCH", PODS + "/existing", "application/json", "{}",
                        405, "MethodNotAllowed", "allowed"),
                Arguments.of("bad label selector", "GET", PODS + "?labelSelector=a%20in%20(", null, null,
                        400, "BadRequest", "labelSelector"),
                Arguments.of("unsupported field selector", "GET", PODS + "?fieldSelector=spec.image%3Dx", null, null,
                        400, "BadRequest", "fieldSelector"),
                Arguments.of("bad watch resourceVersion", "GET", PODS + "?watch=true&resourceVersion=-4", null, null,
                        400, "BadRequest", "resourceVersion"),
                Arguments.of("bad delete precondition", "DELETE", PODS + "/existing?resourceVersion=x", null, null,
                        400, "BadRequest", "resourceVersion"),
                Arguments.of("stale delete precondition", "DELETE", PODS + "/existing?resourceVersion=1", null, null,
                        409, "Conflict", "stale"),
                Arguments.of("namespaced path for cluster-scoped kind", "GET", "/api/v1/namespaces/bad/nodes", null, null,
                        404, "NotFound", "cluster-scoped"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void badRequestIsRejectedAndChangesNothing(String description, String method, String path, String contentType,
                                               String body, int status, String reason, String messagePart) {
        JsonNode before = api.get(server, "/api/v1/pods").body();

        Reply reply = method.equals("GET") || (method.equals("DELETE") && body == null)
                ? api.send(HttpRequest.newBuilder(server.resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()))
                : api.send(server, path, method, contentType, body);

        assertEquals(status, reply.status(), reply.text());
        assertNotNull(reply.body(), "error body must be JSON: " + reply.text());
        assertEquals(status, reply.body().path("code").asInt(), reply.text());
        assertEquals(reason, reply.reason(), reply.text());
        assertTrue(reply.body().path("message").asText().contains(messagePart),
                "message should mention '" + messagePart + "': " + reply.text());
        assertEquals(before, api.get(server, "/api/v1/pods").body(), "registry changed after: " + description);
    }

    @Test
    void chunkedBodyOverTheLimitIsRejected() {
        JsonNode before = api.get(server, "/api/v1/pods").body();
        byte[] large = ("{\"x\": \"" + "a".repeat(MAX_REQUEST_BYTES * 2) + "\"}").getBytes();
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(PODS))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)));

        Reply reply = api.send(request);

        assertEquals(413, reply.status(), reply.text());
        assertEquals("RequestEntityTooLarge", reply.reason());
        assertEquals(before, api.get(server, "/api/v1/pods").body());
    }
}
