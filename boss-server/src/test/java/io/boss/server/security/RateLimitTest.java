package io.boss.server.security;

import io.boss.server.api.Manifests;
import io.boss.server.testing.HttpApi;
import io.boss.server.testing.HttpApi.Reply;
import io.boss.server.testing.LocalCluster;
import io.boss.server.testing.SecureClusters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-user request rate limit, with a limit low enough to reach in a few requests. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RateLimitTest {

    private static final String FLOODER_TOKEN = "flooder-test-token";
    private static final String CHECKER_TOKEN = "checker-test-token";

    private final HttpApi api = new HttpApi();
    private LocalCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path tempDir) {
        Path tokens = tempDir.resolve("tokens.csv");
        SecureClusters.write(tokens, SecureClusters.line(FLOODER_TOKEN, "flooder", "system:masters")
                + SecureClusters.line(CHECKER_TOKEN, "checker", "system:masters"));
        cluster = LocalCluster.builder(tempDir.resolve("data")).replicas(1).withoutBuiltInLeaderServices()
                .configure(SecureClusters.all(SecureClusters.tokenAuthentication(tokens), configuration -> {
                    configuration.getSecurity().setRequestsPerSecond(0.1);
                    configuration.getSecurity().setRequestBurst(3);
                }))
                .start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void requestsAboveTheBurstGet429AndChangeNothing() {
        for (int i = 0; i < 3; i++) {
            Reply reply = send(FLOODER_TOKEN, "GET", "/api/v1/namespaces/limited/pods", null);
            assertEquals(200, reply.status(), "request " + i + ": " + reply.text());
        }

        Reply limited = send(FLOODER_TOKEN, "POST", "/api/v1/namespaces/limited/pods", Manifests.pod("flood"));

        assertEquals(429, limited.status(), limited.text());
        assertEquals("TooManyRequests", limited.reason());
        assertTrue(limited.body().path("message").asText().contains("\"flooder\""), limited.text());
        Reply list = send(CHECKER_TOKEN, "GET", "/api/v1/namespaces/limited/pods", null);
        assertEquals(200, list.status(), "another user keeps its own budget: " + list.text());
        assertEquals(0, list.body().path("items").size());
    }

    private Reply send(String token, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(cluster.replica(0).apiUri().resolve(path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return api.send(request);
    }
}
