package io.boss.chaos.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boss.chaos.history.History;
import io.boss.chaos.history.Op;
import io.boss.chaos.history.OpType;
import io.boss.chaos.history.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends one register operation to one replica and records it. Registers are Leases whose value
 * is {@code spec.holderIdentity}. Each request is sent once, with no retry or failover, so that
 * the recorded outcome is the replica's own answer: 2xx is {@link Outcome#OK}, 404 NotFound and
 * 409 AlreadyExists or Conflict are {@link Outcome#FAIL}, and anything else (a timeout, a broken
 * connection, 5xx) is {@link Outcome#UNKNOWN}.
 */
public final class RegisterClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final History history;
    private final String namespace;
    private final int clientId;
    private final Duration timeout;

    public RegisterClient(HttpClient http, History history, String namespace, int clientId, Duration timeout) {
        this.http = http;
        this.history = history;
        this.namespace = namespace;
        this.clientId = clientId;
        this.timeout = timeout;
    }

    /** The value and revision a read returned; a null value means the key is absent. */
    public record ReadResult(Op op, String value, String resourceVersion) {
    }

    /** Reads {@code key}; an absent key is an OK read of null. */
    public ReadResult read(String replica, String endpoint, String key) {
        long invoked = System.nanoTime();
        Response response = send(HttpRequest.newBuilder(uri(endpoint, key)).GET());
        Outcome outcome;
        String value = null;
        String resourceVersion = null;
        if (response.status == 200) {
            outcome = Outcome.OK;
            value = response.body.path("spec").path("holderIdentity").asText(null);
            resourceVersion = response.body.path("metadata").path("resourceVersion").asText(null);
        } else if (response.status == 404 && "NotFound".equals(response.reason())) {
            outcome = Outcome.OK;
        } else {
            outcome = Outcome.UNKNOWN;
        }
        Op op = record(replica, key, OpType.READ, null, value, invoked, outcome, response);
        return new ReadResult(op, value, resourceVersion);
    }

    /** Creates {@code key} with {@code value}. */
    public Op create(String replica, String endpoint, String key, String value) {
        long invoked = System.nanoTime();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(endpoint, null))
                .POST(HttpRequest.BodyPublishers.ofString(lease(key, value, null)));
        Response response = send(request);
        Outcome outcome = response.status == 201 || response.status == 200 ? Outcome.OK
                : response.status == 409 && "AlreadyExists".equals(response.reason()) ? Outcome.FAIL
                : Outcome.UNKNOWN;
        return record(replica, key, OpType.CREATE, null, value, invoked, outcome, response);
    }

    /**
     * Replaces the value without a precondition. A 409 Conflict here means the server's own
     * read-and-retry lost to concurrent writers: the write took no effect, but the key existed,
     * which the register model cannot express as a failed write, so it is recorded as UNKNOWN
     * (the search may then leave it out).
     */
    public Op write(String replica, String endpoint, String key, String value) {
        long invoked = System.nanoTime();
        Response response = send(HttpRequest.newBuilder(uri(endpoint, key))
                .PUT(HttpRequest.BodyPublishers.ofString(lease(key, value, null))));
        Outcome outcome = response.status == 200 ? Outcome.OK
                : response.status == 404 && "NotFound".equals(response.reason()) ? Outcome.FAIL
                : Outcome.UNKNOWN;
        return record(replica, key, OpType.WRITE, null, value, invoked, outcome, response);
    }

    /** Replaces the value only if the key is still at {@code resourceVersion}, where it held {@code expected}. */
    public Op compareAndSet(String replica, String endpoint, String key, String expected, String resourceVersion,
                            String value) {
        long invoked = System.nanoTime();
        Response response = send(HttpRequest.newBuilder(uri(endpoint, key))
                .PUT(HttpRequest.BodyPublishers.ofString(lease(key, value, resourceVersion))));
        Outcome outcome = response.status == 200 ? Outcome.OK
                : response.status == 409 && "Conflict".equals(response.reason()) ? Outcome.FAIL
                : response.status == 404 && "NotFound".equals(response.reason()) ? Outcome.FAIL
                : Outcome.UNKNOWN;
        return record(replica, key, OpType.CAS, expected, value, invoked, outcome, response);
    }

    /** Deletes {@code key} without a precondition. */
    public Op delete(String replica, String endpoint, String key) {
        long invoked = System.nanoTime();
        Response response = send(HttpRequest.newBuilder(uri(endpoint, key)).DELETE());
        Outcome outcome = response.status == 200 ? Outcome.OK
                : response.status == 404 && "NotFound".equals(response.reason()) ? Outcome.FAIL
                : Outcome.UNKNOWN;
        return record(replica, key, OpType.DELETE, null, null, invoked, outcome, response);
    }

    private Op record(String replica, String key, OpType type, String expected, String value, long invoked,
                      Outcome outcome, Response response) {
        Op op = new Op(history.nextId(), clientId, replica, key, type, expected, value, invoked, System.nanoTime(),
                outcome, response.detail);
        history.add(op);
        return op;
    }

    private URI uri(String endpoint, String key) {
        return URI.create(endpoint + "/api/v1/namespaces/" + namespace + "/leases" + (key == null ? "" : "/" + key));
    }

    private String lease(String key, String value, String resourceVersion) {
        ObjectNode lease = JSON.createObjectNode();
        lease.put("apiVersion", "boss.io/v1");
        lease.put("kind", "Lease");
        ObjectNode metadata = lease.putObject("metadata");
        metadata.put("name", key);
        metadata.put("namespace", namespace);
        if (resourceVersion != null) {
            metadata.put("resourceVersion", resourceVersion);
        }
        lease.putObject("spec").put("holderIdentity", value);
        return lease.toString();
    }

    private Response send(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                body = JSON.missingNode();
            }
            String reason = body.path("reason").asText("");
            String detail = response.statusCode() + (reason.isEmpty() ? "" : " " + reason);
            return new Response(response.statusCode(), body == null ? JSON.missingNode() : body, detail);
        } catch (IOException e) {
            return new Response(-1, JSON.missingNode(), e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, JSON.missingNode(), "interrupted");
        }
    }

    private record Response(int status, JsonNode body, String detail) {
        String reason() {
            return body.path("reason").asText("");
        }
    }
}
