package io.boss.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.boss.api.error.ApiError;
import io.boss.api.error.BossApiException;
import io.boss.api.error.ErrorReasons;
import io.boss.api.json.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to the first replica that responds, starting with the one that last responded.
 * A replica that rejects the connection, drops it, times out or responds 503 is skipped; when every
 * replica has failed, the round is repeated with exponential backoff until the retry budget is
 * spent, and then a 503 NoQuorum {@link BossApiException} is thrown. Thread-safe.
 *
 * <p>A request whose connection broke after it was sent may have taken effect, so a retried
 * create can fail with 409 AlreadyExists and a retried update with 409 Conflict.
 */
final class FailoverTransport {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverTransport.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

    private final HttpClient http;
    private final List<URI> endpoints;
    private final Duration retryBudget;
    private final Duration requestTimeout;
    private final String authorization;
    private final AtomicInteger current = new AtomicInteger();

    FailoverTransport(HttpClient http, List<URI> endpoints, Duration retryBudget, Duration requestTimeout) {
        this(http, endpoints, retryBudget, requestTimeout, null);
    }

    /** Creates a transport that sends {@code authorization} (null for none) as the Authorization header. */
    FailoverTransport(HttpClient http, List<URI> endpoints, Duration retryBudget, Duration requestTimeout,
                      String authorization) {
        this.http = http;
        this.endpoints = List.copyOf(endpoints);
        this.retryBudget = retryBudget;
        this.requestTimeout = requestTimeout;
        this.authorization = authorization;
    }

    /**
     * Sends a request built for each endpoint in turn and returns the first response that is not
     * 503. {@code pathAndQuery} starts with '/'; {@code customizer} sets the method and body.
     */
    <T> HttpResponse<T> send(String pathAndQuery, Function<HttpRequest.Builder, HttpRequest.Builder> customizer,
                             HttpResponse.BodyHandler<T> bodyHandler) {
        return sendTracked(pathAndQuery, customizer, bodyHandler).response();
    }

    /**
     * A response, and whether an earlier attempt of the same request failed. Such an attempt may
     * still have taken effect: a 503 NoQuorum write may commit later, and a dropped connection may
     * have carried the request.
     */
    record Outcome<T>(HttpResponse<T> response, boolean retried) {
    }

    /** Sends like {@link #send} and also reports whether the response came after a failed attempt. */
    <T> Outcome<T> sendTracked(String pathAndQuery, Function<HttpRequest.Builder, HttpRequest.Builder> customizer,
                               HttpResponse.BodyHandler<T> bodyHandler) {
        boolean retried = false;
        long deadline = System.nanoTime() + retryBudget.toNanos();
        Duration backoff = FIRST_BACKOFF;
        String lastFailure = "no attempt made";
        Exception lastCause = null;

        while (true) {
            for (int attempt = 0; attempt < endpoints.size(); attempt++) {
                int index = current.get();
                URI endpoint = endpoints.get(index);
                HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint.resolve(pathAndQuery)).timeout(requestTimeout);
                if (authorization != null) {
                    builder.header("Authorization", authorization);
                }
                HttpRequest request = customizer.apply(builder).build();
                try {
                    HttpResponse<T> response = http.send(request, bodyHandler);
                    if (response.statusCode() != 503) {
                        return new Outcome<>(response, retried);
                    }
                    lastFailure = endpoint + " responded 503: " + describe(response);
                    lastCause = null;
                } catch (IOException e) {
                    lastFailure = endpoint + " failed: " + e;
                    lastCause = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BossApiException(new ApiError(503, ErrorReasons.NO_QUORUM,
                            "interrupted while sending " + request.method() + " " + pathAndQuery), e);
                }
                LOG.debug("request {} {} to {} failed, trying the next replica: {}", request.method(), pathAndQuery,
                        endpoint, lastFailure);
                retried = true;
                skip(index);
            }

            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new BossApiException(new ApiError(503, ErrorReasons.NO_QUORUM, "no replica of " + endpoints
                        + " responded within " + retryBudget.toMillis() + " ms; last failure: " + lastFailure), lastCause);
            }
            sleep(Math.min(backoff.toNanos(), remaining));
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** Moves the sticky endpoint past {@code failedIndex} unless another thread already moved it. */
    void skip(int failedIndex) {
        int next = (failedIndex + 1) % endpoints.size();
        if (current.compareAndSet(failedIndex, next) && endpoints.size() > 1) {
            LOG.info("replica {} failed, switching to {}", endpoints.get(failedIndex), endpoints.get(next));
        }
    }

    /** Returns the index of the endpoint requests go to first. */
    int currentIndex() {
        return current.get();
    }

    URI currentEndpoint() {
        return endpoints.get(current.get());
    }

    /** Maps a non-2xx response to an exception with the server's {@code {code, reason, message}}. */
    static BossApiException errorOf(HttpResponse<?> response) {
        return new BossApiException(apiErrorOf(response.statusCode(), bodyText(response)));
    }

    static ApiError apiErrorOf(int status, String body) {
        try {
            JsonNode tree = Serialization.json().readTree(body);
            if (tree != null && tree.hasNonNull("reason")) {
                return new ApiError(tree.path("code").asInt(status), tree.get("reason").asText(),
                        tree.path("message").asText(""));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("error body of HTTP {} is not an API error: {}", status, e.toString());
        }
        return new ApiError(status, reasonFor(status), body == null || body.isEmpty() ? "HTTP " + status : body);
    }

    private static String reasonFor(int status) {
        switch (status) {
            case 400: return ErrorReasons.BAD_REQUEST;
            case 401: return ErrorReasons.UNAUTHORIZED;
            case 403: return ErrorReasons.FORBIDDEN;
            case 404: return ErrorReasons.NOT_FOUND;
            case 405: return ErrorReasons.METHOD_NOT_ALLOWED;
            case 409: return ErrorReasons.CONFLICT;
            case 410: return ErrorReasons.EXPIRED;
            case 413: return ErrorReasons.REQUEST_ENTITY_TOO_LARGE;
            case 415: return ErrorReasons.UNSUPPORTED_MEDIA_TYPE;
            case 422: return ErrorReasons.INVALID;
            case 429: return ErrorReasons.TOO_MANY_REQUESTS;
            case 503: return ErrorReasons.NO_QUORUM;
            case 504: return ErrorReasons.TIMEOUT;
            default: return ErrorReasons.INTERNAL_ERROR;
        }
    }

    /** Reads the body of a response of any body type as text, closing a stream body. */
    static String bodyText(HttpResponse<?> response) {
        Object body = response.body();
        if (body instanceof byte[]) {
            return new String((byte[]) body, StandardCharsets.UTF_8);
        }
        if (body instanceof InputStream) {
            try (InputStream stream = (InputStream) body) {
                return new String(stream.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }
        return body == null ? "" : body.toString();
    }

    private static String describe(HttpResponse<?> response) {
        return apiErrorOf(response.statusCode(), bodyText(response)).message();
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BossApiException(new ApiError(503, ErrorReasons.NO_QUORUM, "interrupted while waiting to retry"), e);
        }
    }
}
