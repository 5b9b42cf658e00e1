package io.boss.api.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.model.Pod;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The credentials a {@link BossClient} sends and the settings it rejects. */
class BossClientCredentialsTest {

    private static final String EMPTY_LIST = "{\"apiVersion\":\"boss.io/v1\",\"kind\":\"PodList\","
            + "\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[]}";

    @Test
    void bearerTokenIsSentOnEveryRequest() throws Exception {
        List<String> authorization = new CopyOnWriteArrayList<>();
        try (FakeApiServer server = new FakeApiServer((exchange, request) -> {
            authorization.add(exchange.getRequestHeaders().getFirst("Authorization"));
            FakeApiServer.respond(exchange, 200, EMPTY_LIST);
        });
             BossClient client = BossClient.builder().endpoints(server.url()).bearerToken(" secret-token ").build()) {
            client.list(Pod.class, "default", null, null);
            client.list(Pod.class, null, null, "spec.nodeName=n1");
        }

        assertEquals(List.of("Bearer secret-token", "Bearer secret-token"), authorization);
    }

    @Test
    void blankTokenSendsNoHeader() throws Exception {
        List<String> authorization = new CopyOnWriteArrayList<>();
        try (FakeApiServer server = new FakeApiServer((exchange, request) -> {
            authorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            FakeApiServer.respond(exchange, 200, EMPTY_LIST);
        });
             BossClient client = BossClient.builder().endpoints(server.url()).bearerToken("  ").build()) {
            client.list(Pod.class, "default", null, null);
        }

        assertEquals(List.of("null"), authorization);
    }

    @Test
    void tokenWithLineBreakIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BossClient.builder().bearerToken("abc\nX-Injected: 1"));

        assertTrue(error.getMessage().contains("line breaks"), error.getMessage());
    }

    @Test
    void certificateWithoutKeyIsRejected() {
        BossClient.Builder builder = BossClient.builder().endpoints("https://127.0.0.1:1")
                .clientCertificate(Path.of("client.pem"), null);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, builder::build);

        assertTrue(error.getMessage().contains("both a certificate file and a key file"), error.getMessage());
    }

    @Test
    void missingCaFileIsNamed() {
        BossClient.Builder builder = BossClient.builder().endpoints("https://127.0.0.1:1")
                .caFile(Path.of("/nonexistent/ca.pem"));

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, builder::build);

        assertTrue(error.getMessage().contains("/nonexistent/ca.pem"), error.getMessage());
    }
}
