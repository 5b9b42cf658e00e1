package io.boss.node;

import io.boss.server.testing.LocalCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchProbeTest {
    @TempDir
    Path dir;

    @Test
    void probe() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder(dir).replicas(1).start()) {
            URI base = cluster.replica(0).apiUri();
            HttpClient http = HttpClient.newHttpClient();
            long start = System.nanoTime();
            var future = http.sendAsync(HttpRequest.newBuilder(base.resolve("/api/v1/pods?watch=true&resourceVersion=0&fieldSelector=spec.nodeName%3Dx")).build(),
                    HttpResponse.BodyHandlers.ofLines());
            var response = future.get();
            System.out.println("PROBE headers after ms=" + (System.nanoTime() - start) / 1_000_000 + " status=" + response.statusCode());
            response.body().limit(1).forEach(line -> System.out.println("PROBE first line after ms=" + (System.nanoTime() - start) / 1_000_000 + " " + line));
        }
    }
}
