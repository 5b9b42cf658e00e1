package io.boss.cli.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.boss.api.json.Serialization;
import io.boss.cli.client.BossClientApi;
import io.boss.cli.testing.CliRunner;
import io.boss.cli.testing.CliRunner.Result;
import io.boss.server.testing.LocalCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs bossctl commands in-process against a real three-replica server cluster on loopback ports.
 * Each test uses its own namespace so the tests do not see each other's objects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterCommandsTest {

    private static final String SLEEP_POD = String.join("\n",
            "apiVersion: boss.io/v1",
            "kind: Pod",
            "metadata:",
            "  name: sleep-pod",
            "  labels: {app: sleep}",
            "spec:",
            "  sandboxClass: process",
            "  containers:",
            "  - name: main",
            "    command: [sleep, \"3600\"]",
            "");

    private static final String WEB_DEPLOYMENT = String.join("\n",
            "apiVersion: boss.io/v1",
            "kind: Deployment",
            "metadata:",
            "  name: web",
            "spec:",
            "  replicas: 2",
            "  selector:",
            "    matchLabels: {app: web}",
            "  template:",
            "    metadata:",
            "      labels: {app: web}",
            "    spec:",
            "      containers:",
            "      - name: main",
            "        command: [sleep, \"3600\"]",
            "");

    private final AtomicInteger namespaces = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalCluster cluster;
    private Path manifests;

    @BeforeAll
    void startCluster(@TempDir Path tempDir) throws IOException {
        cluster = LocalCluster.builder(tempDir.resolve("cluster")).replicas(3).start();
        manifests = Files.createDirectories(tempDir.resolve("manifests"));
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private String servers() {
        return cluster.replicas().stream().map(replica -> replica.apiUri().toString()).collect(Collectors.joining(","));
    }

    private CliRunner runner() {
        return new CliRunner().environment("BOSS_SERVERS", servers()).apiFactory(BossClientApi::open);
    }

    private String newNamespace() {
        return "cli-" + namespaces.incrementAndGet();
    }

    private Path manifest(String name, String text) throws IOException {
        return Files.writeString(manifests.resolve(name), text);
    }

    private JsonNode apiBody(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.replica(0).apiUri() + path)).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return Serialization.json().readTree(response.body());
    }

    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String normalized(String text) {
        return text.replace(System.lineSeparator(), "\n");
    }

    @Test
    void typedNamesWorkForGetAndDelete() throws Exception {
        String namespace = newNamespace();
        Path file = manifest("typed-" + namespace + ".yaml", SLEEP_POD + "---\n" + WEB_DEPLOYMENT);
        runner().run("apply", "-f", file.toString(), "-n", namespace);

        Result name = runner().run("get", "pod/sleep-pod", "-n", namespace, "-o", "name");
        Result deleted = runner().run("delete", "pod/sleep-pod", "deployment/web", "-n", namespace);

        assertEquals(0, name.exitCode(), name.err());
        assertEquals("pod/sleep-pod\n", normalized(name.out()));
        assertEquals(0, deleted.exitCode(), deleted.err());
        assertEquals("pod/sleep-pod deleted\ndeployment/web deleted\n", normalized(deleted.out()));
    }

    @Test
    void applyThenGetDescribeAndDelete() throws Exception {
        String namespace = newNamespace();
        Path file = manifest("app-" + namespace + ".yaml", SLEEP_POD + "---\n" + WEB_DEPLOYMENT);

        Result applied = runner().run("apply", "-f", file.toString(), "-n", namespace);
        Result again = runner().run("apply", "-f", file.toString(), "-n", namespace);
        Result pods = runner().run("get", "pods", "-n", namespace);
        Result described = runner().run("describe", "pod", "sleep-pod", "-n", namespace);
        Result deleted = runner().run("delete", "pod", "sleep-pod", "-n", namespace, "--wait");
        Result gone = runner().run("get", "pod", "sleep-pod", "-n", namespace);

        assertEquals(0, applied.exitCode(), applied.err());
        assertEquals("pod/sleep-pod created\ndeployment/web created\n", normalized(applied.out()));
        assertEquals("pod/sleep-pod unchanged\ndeployment/web unchanged\n", normalized(again.out()));
        List<String> rows = pods.out().lines().toList();
        assertEquals(List.of("NAME", "PHASE", "NODE", "AGE"), List.of(rows.get(0).split("\\s+")));
        assertTrue(rows.get(1).startsWith("sleep-pod   "), pods.out());
        assertTrue(described.out().contains("Namespace:          " + namespace), described.out());
        assertTrue(described.out().contains("Explanation:        waiting "), described.out());
        assertEquals(0, deleted.exitCode(), deleted.err());
        assertTrue(deleted.out().startsWith("pod/sleep-pod deleted"), deleted.out());
        assertEquals(1, gone.exitCode());
        assertEquals("error: pods \"sleep-pod\" not found\n", normalized(gone.err()));
    }

    @Test
    void jsonOutputEqualsTheApiBody() throws Exception {
        String namespace = newNamespace();
        runner().run("apply", "-f", manifest("pod-" + namespace + ".yaml", SLEEP_POD).toString(), "-n", namespace);

        Result one = runner().run("get", "pod", "sleep-pod", "-n", namespace, "-o", "json");
        Result list = runner().run("get", "pods", "-n", namespace, "-o", "json");
        Result yamlList = runner().run("get", "pods", "-n", namespace, "-o", "yaml");

        assertEquals(apiBody("/api/v1/namespaces/" + namespace + "/pods/sleep-pod"), Serialization.json().readTree(one.out()));
        JsonNode apiList = apiBody("/api/v1/namespaces/" + namespace + "/pods");
        assertEquals(apiList, Serialization.json().readTree(list.out()));
        assertEquals(apiList, Serialization.json().readTree(Serialization.toJson(Serialization.yaml().readTree(yamlList.out()))));
        assertEquals("PodList", apiList.path("kind").asText());
    }

    @Test
    void allNamespacesAndSelectorsFilterRows() throws Exception {
        String first = newNamespace();
        String second = newNamespace();
        Path file = manifest("pod-" + first + ".yaml", SLEEP_POD);
        runner().run("apply", "-f", file.toString(), "-n", first);
        runner().run("apply", "-f", file.toString(), "-n", second);

        Result all = runner().run("get", "pods", "-A", "-l", "app=sleep", "-o", "wide");
        Result none = runner().run("get", "pods", "-n", first, "-l", "app=other");

        List<String> header = List.of(all.out().lines().findFirst().orElseThrow().split("\\s+"));
        assertEquals(List.of("NAMESPACE", "NAME", "PHASE", "NODE", "CLASS", "PROVIDER", "SANDBOX-ID", "SANDBOX-STATE",
                "AGE"), header);
        assertTrue(all.out().lines().anyMatch(line -> line.startsWith(first + " ")), all.out());
        assertTrue(all.out().lines().anyMatch(line -> line.startsWith(second + " ")), all.out());
        assertEquals("", none.out());
        assertEquals("No resources found in " + first + " namespace.\n", normalized(none.err()));
    }

    @Test
    void scaleChangesDeploymentReplicas() throws Exception {
        String namespace = newNamespace();
        runner().run("apply", "-f", manifest("web-" + namespace + ".yaml", WEB_DEPLOYMENT).toString(), "-n", namespace);

        Result scaled = runner().run("scale", "deployment/web", "--replicas", "4", "-n", namespace);
        Result yaml = runner().run("get", "deploy", "web", "-n", namespace, "-o", "yaml");

        assertEquals("deployment/web scaled\n", normalized(scaled.out()));
        assertEquals(4, Serialization.yaml().readTree(yaml.out()).path("spec").path("replicas").asInt());
    }

    @Test
    void deploymentEventsShowInDescribeAndGetEvents() throws Exception {
        String namespace = newNamespace();
        runner().run("apply", "-f", manifest("events-" + namespace + ".yaml", WEB_DEPLOYMENT).toString(), "-n", namespace);

        Result events = await("SuccessfulCreate in bossctl get events").atMost(Duration.ofSeconds(30))
                .until(() -> runner().run("get", "events", "-n", namespace),
                        result -> result.out().lines().filter(line -> line.contains("SuccessfulCreate")).count() == 2);
        Result described = await("ScalingReplicaSet in bossctl describe deployment").atMost(Duration.ofSeconds(30))
                .until(() -> runner().run("describe", "deployment", "web", "-n", namespace),
                        result -> result.out().contains("ScalingReplicaSet"));

        assertEquals(0, events.exitCode(), events.err());
        assertTrue(events.out().lines().findFirst().orElseThrow().matches("LAST SEEN +TYPE +REASON +OBJECT +MESSAGE"),
                events.out());
        assertTrue(events.out().lines().anyMatch(line -> line.matches(
                ".*Normal +SuccessfulCreate +replicaset/web-[0-9a-z]+ +Created pod web-.*")), events.out());
        assertTrue(described.out().lines().anyMatch(line -> line.matches(
                " +Normal +ScalingReplicaSet +.* +deployment-controller +Scaled up replica set web-[0-9a-z]+ to 2")),
                described.out());
    }

    @Test
    void clusterShowsLeaderAndEveryReplica() {
        Result table = runner().run("cluster");

        assertEquals(0, table.exitCode(), table.err());
        List<String> lines = table.out().lines().toList();
        assertTrue(lines.get(0).matches("leader: r[123]   term: [1-9][0-9]*"), lines.get(0));
        assertEquals(List.of("ID", "ROLE", "HTTP", "RAFT", "COMMIT", "APPLIED"), List.of(lines.get(1).split("\\s+")));
        assertEquals(5, lines.size(), table.out());
        assertEquals(1, lines.stream().filter(line -> line.contains(" LEADER ")).count(), table.out());
        for (String row : lines.subList(2, 5)) {
            assertTrue(row.matches(".* [0-9]+ +[0-9]+"), "every replica reports its own indexes: " + row);
        }
    }

    @Test
    void deadFirstServerFailsOverToTheNext() throws Exception {
        String servers = "http://127.0.0.1:" + deadPort() + "," + servers();

        Result result = runner().run("get", "nodes", "--server", servers);

        assertEquals(0, result.exitCode(), result.err());
    }

    @Test
    void unreachableClusterFailsWithOneLine() throws Exception {
        String first = "http://127.0.0.1:" + deadPort();
        String second = "http://127.0.0.1:" + deadPort();

        Result result = runner().run("get", "pods", "--server", first + "," + second, "--retry-timeout", "1");

        assertEquals(1, result.exitCode());
        assertEquals("error: cannot reach any server (tried " + first + ", " + second + "): connection refused\n",
                normalized(result.err()));
    }

    @Test
    void invalidObjectReportsServerReasonAndKeepsGoing() throws Exception {
        String namespace = newNamespace();
        String invalid = SLEEP_POD.replace("name: sleep-pod", "name: Not_A_Name");
        Path file = manifest("mixed-" + namespace + ".yaml", invalid + "---\n" + SLEEP_POD);

        Result result = runner().run("apply", "-f", file.toString(), "-n", namespace);

        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("error: pod/Not_A_Name: "), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        assertEquals("pod/sleep-pod created\n", normalized(result.out()));
    }

    @Test
    void watchPrintsRowsAsObjectsChange() throws Exception {
        String namespace = newNamespace();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliRunner watcher = runner();
        Thread watch = new Thread(() -> watcher.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "get", "pods", "-w", "-n", namespace));
        watch.start();
        try {
            await("watch header printed").atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertTrue(out.toString().startsWith("NAME"), out.toString()));

            runner().run("apply", "-f", manifest("watched-" + namespace + ".yaml", SLEEP_POD).toString(), "-n", namespace);

            await("watch prints the created pod").atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertTrue(out.toString().lines().anyMatch(line -> line.startsWith("sleep-pod ")), out + "\n" + err));
        } finally {
            watch.interrupt();
            watch.join(TimeUnit.SECONDS.toMillis(10));
        }
        assertTrue(!watch.isAlive(), "the watch command returns after an interrupt");
    }
}
