package io.boss.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A small JSON client over {@link HttpClient} for tests: sends raw bodies, so tests can send bad
 * input too, and returns the status with the parsed body.
 */
public final class HttpApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** A response: status code and body (null when the body is not JSON). */
    public record Reply(int status, JsonNode body, String text) {

        public String reason() {
            return body == null ? null : body.path("reason").asText(null);
        }

        public String resourceVersion() {
            return body.path("metadata").path("resourceVersion").asText();
        }
    }

    public Reply get(URI base, String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Reply post(URI base, String path, String body) {
        return send(base, path, "POST", "application/json", body);
    }

    public Reply put(URI base, String path, String body) {
        return send(base, path, "PUT", "application/json", body);
    }

    public Reply delete(URI base, String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    /** Sends {@code body} with any method and Content-Type (null sends no Content-Type header). */
    public Reply send(URI base, String path, String method, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    public Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), parse(response.body()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Opens a watch whose events arrive in {@link WatchConnection#events()}; closing it ends the watch. */
    public WatchConnection watch(URI base, String path) {
        return watch(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    /** Opens a watch with a request the caller built, for example one with an Authorization header. */
    public WatchConnection watch(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            return new WatchConnection(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An open watch: a reader thread parses each line into {@link #events()}. */
    public static final class WatchConnection implements AutoCloseable {

        private final int status;
        private final InputStream body;
        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        private volatile boolean ended;

        WatchConnection(int status, InputStream body) {
            this.status = status;
            this.body = body;
            Thread reader = new Thread(this::readLines, "test-watch-reader");
            reader.setDaemon(true);
            reader.start();
        }

        public int status() {
            return status;
        }

        /** Parsed events in arrival order; error bodies of a rejected watch arrive here too. */
        public BlockingQueue<JsonNode> events() {
            return events;
        }

        /** Returns whether the server ended the stream. */
        public boolean ended() {
            return ended;
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException e) {
                // The stream is being abandoned; a failure to close it changes nothing for the test.
            }
        }

        private void readLines() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank()) {
                        events.add(JSON.readTree(line));
                    }
                }
            } catch (IOException e) {
                // The test closed the connection or the replica stopped; either ends the stream.
            } finally {
                ended = true;
            }
        }
    }

    private static JsonNode parse(String text) {
        try {
            return text == null || text.isEmpty() ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
