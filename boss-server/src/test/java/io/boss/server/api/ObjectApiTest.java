package io.boss.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.boss.server.testing.HttpApi;
import io.boss.server.testing.HttpApi.Reply;
import io.boss.server.testing.LocalCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Create, read, update, delete and list through a real three-replica cluster. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ObjectApiTest {

    private static final String PODS = "/api/v1/namespaces/crud/pods";

    private final HttpApi api = new HttpApi();
    private LocalCluster cluster;

    @BeforeAll
    void startCluster(@TempDir Path tempDir) {
        cluster = LocalCluster.builder(tempDir).replicas(3).withoutBuiltInLeaderServices().start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private URI replica(int index) {
        return cluster.replica(index % 3).apiUri();
    }

    @Test
    void crudWorksThroughEveryReplica() {
        for (int i = 0; i < 3; i++) {
            String name = "crud-" + i;

            Reply created = api.post(replica(i), PODS, Manifests.pod(name));
            assertEquals(201, created.status(), created.text());
            assertEquals("crud", created.body().path("metadata").path("namespace").asText());
            assertFalse(created.body().path("metadata").path("uid").asText().isEmpty());
            assertFalse(created.body().path("metadata").path("creationTimestamp").asText().isEmpty());
            assertEquals(1, created.body().path("metadata").path("generation").asLong());

            Reply read = api.get(replica(i + 1), PODS + "/" + name);
            assertEquals(200, read.status(), read.text());
            assertEquals(created.body(), read.body());

            String changed = Manifests.pod(name, "app", "changed")
                    .replace("\"name\": \"" + name + "\"",
                            "\"name\": \"" + name + "\", \"resourceVersion\": \"" + created.resourceVersion() + "\"");
            Reply updated = api.put(replica(i + 2), PODS + "/" + name, changed);
            assertEquals(200, updated.status(), updated.text());
            assertEquals("changed", updated.body().path("metadata").path("labels").path("app").asText());
            assertTrue(Long.parseLong(updated.resourceVersion()) > Long.parseLong(created.resourceVersion()));

            Reply deleted = api.delete(replica(i), PODS + "/" + name);
            assertEquals(200, deleted.status(), deleted.text());
            assertEquals("changed", deleted.body().path("metadata").path("labels").path("app").asText());

            Reply gone = api.get(replica(i + 1), PODS + "/" + name);
            assertEquals(404, gone.status());
            assertEquals("NotFound", gone.reason());
        }
    }

    @Test
    void staleResourceVersionIsRejectedAndChangesNothing() {
        Reply created = api.post(replica(0), PODS, Manifests.pod("cas"));
        String first = created.resourceVersion();

        Reply updated = api.put(replica(1), PODS + "/cas", withResourceVersion(Manifests.pod("cas", "app", "v2"), "cas", first));
        assertEquals(200, updated.status(), updated.text());

        Reply stale = api.put(replica(2), PODS + "/cas", withResourceVersion(Manifests.pod("cas", "app", "v3"), "cas", first));
        assertEquals(409, stale.status(), stale.text());
        assertEquals("Conflict", stale.reason());

        Reply read = api.get(replica(0), PODS + "/cas");
        assertEquals("v2", read.body().path("metadata").path("labels").path("app").asText());
        assertEquals(updated.resourceVersion(), read.resourceVersion());
    }

    @Test
    void updateWithoutResourceVersionIsUnconditional() {
        api.post(replica(0), PODS, Manifests.pod("blind"));
        api.put(replica(1), PODS + "/blind", Manifests.pod("blind", "app", "v2"));

        Reply updated = api.put(replica(2), PODS + "/blind", Manifests.pod("blind", "app", "v3"));

        assertEquals(200, updated.status(), updated.text());
        assertEquals("v3", updated.body().path("metadata").path("labels").path("app").asText());
    }

    @Test
    void createOfExistingNameIsAlreadyExists() {
        assertEquals(201, api.post(replica(0), PODS, Manifests.pod("twice")).status());

        Reply again = api.post(replica(1), PODS, Manifests.pod("twice"));

        assertEquals(409, again.status());
        assertEquals("AlreadyExists", again.reason());
    }

    @Test
    void generationIncreasesOnlyWhenSpecChanges() {
        api.post(replica(0), PODS, Manifests.pod("gen"));

        Reply labelsOnly = api.put(replica(1), PODS + "/gen", Manifests.pod("gen", "app", "relabelled"));
        assertEquals(1, labelsOnly.body().path("metadata").path("generation").asLong(), labelsOnly.text());

        String newSpec = Manifests.pod("gen", "app", "relabelled").replace("\"60\"", "\"120\"");
        Reply specChanged = api.put(replica(2), PODS + "/gen", newSpec);
        assertEquals(2, specChanged.body().path("metadata").path("generation").asLong(), specChanged.text());

        Reply sameAgain = api.put(replica(0), PODS + "/gen", newSpec);
        assertEquals(2, sameAgain.body().path("metadata").path("generation").asLong());
        assertEquals(specChanged.resourceVersion(), sameAgain.resourceVersion());
    }

    @Test
    void statusIsChangedOnlyThroughStatusSubresource() {
        api.post(replica(0), PODS, Manifests.pod("status"));
        String withStatus = Manifests.pod("status").replaceFirst("}\\s*$", ", \"status\": {\"phase\": \"Running\"}}");

        Reply main = api.put(replica(1), PODS + "/status", withStatus);
        assertEquals(200, main.status(), main.text());
        assertTrue(main.body().path("status").path("phase").isMissingNode()
                || !"Running".equals(main.body().path("status").path("phase").asText()), main.text());

        String statusWithSpecChange = withStatus.replace("\"60\"", "\"999\"");
        Reply status = api.put(replica(2), PODS + "/status/status", statusWithSpecChange);
        assertEquals(200, status.status(), status.text());
        assertEquals("Running", status.body().path("status").path("phase").asText());
        assertEquals("60", status.body().path("spec").path("containers").get(0).path("command").get(1).asText());
        assertEquals(1, status.body().path("metadata").path("generation").asLong());
    }

    @Test
    void yamlBodyIsAccepted() {
        String yaml = """
                apiVersion: boss.io/v1
                kind: Pod
                metadata:
                  name: from-yaml
                spec:
                  containers:
                    - name: main
                      command: ["/bin/true"]
                """;

        Reply created = api.send(replica(0), PODS, "POST", "application/yaml", yaml);

        assertEquals(201, created.status(), created.text());
        assertEquals("from-yaml", created.body().path("metadata").path("name").asText());
    }

    @Test
    void deleteWithStalePreconditionIsConflict() {
        Reply created = api.post(replica(0), PODS, Manifests.pod("guarded"));
        api.put(replica(0), PODS + "/guarded", Manifests.pod("guarded", "app", "v2"));

        Reply byQuery = api.delete(replica(1), PODS + "/guarded?resourceVersion=" + created.resourceVersion());
        assertEquals(409, byQuery.status(), byQuery.text());

        String body = "{\"preconditions\": {\"resourceVersion\": \"" + created.resourceVersion() + "\"}}";
        Reply byBody = api.send(replica(2), PODS + "/guarded", "DELETE", "application/json", body);
        assertEquals(409, byBody.status(), byBody.text());

        String current = api.get(replica(0), PODS + "/guarded").resourceVersion();
        Reply deleted = api.send(replica(2), PODS + "/guarded", "DELETE", "application/json",
                "{\"preconditions\": {\"resourceVersion\": \"" + current + "\"}}");
        assertEquals(200, deleted.status(), deleted.text());
    }

    @Test
    void listFiltersByLabelAndFieldSelector() {
        String listPath = "/api/v1/namespaces/selectors/pods";
        api.post(replica(0), listPath, Manifests.pod("a", "tier", "front"));
        api.post(replica(0), listPath, Manifests.pod("b", "tier", "back"));
        String bound = Manifests.pod("c", "tier", "front").replace("\"containers\"", "\"nodeName\": \"node-1\", \"containers\"");
        assertEquals(201, api.post(replica(0), listPath, bound).status());

        Reply all = api.get(replica(1), listPath);
        assertEquals("PodList", all.body().path("kind").asText());
        assertEquals("boss.io/v1", all.body().path("apiVersion").asText());
        assertFalse(all.resourceVersion().isEmpty());
        assertEquals(3, all.body().path("items").size());

        Reply front = api.get(replica(2), listPath + "?labelSelector=tier%3Dfront");
        assertEquals(2, front.body().path("items").size(), front.text());

        Reply onNode = api.get(replica(0), listPath + "?fieldSelector=spec.nodeName%3Dnode-1");
        assertEquals(1, onNode.body().path("items").size(), onNode.text());
        assertEquals("c", onNode.body().path("items").get(0).path("metadata").path("name").asText());

        Reply everywhere = api.get(replica(1), "/api/v1/pods?labelSelector=tier%3Dback");
        assertEquals(1, everywhere.body().path("items").size(), everywhere.text());
    }

    @Test
    void nodesAreClusterScoped() {
        Reply created = api.post(replica(0), "/api/v1/nodes", Manifests.node("node-a"));
        assertEquals(201, created.status(), created.text());
        assertTrue(created.body().path("metadata").path("namespace").isMissingNode());

        assertEquals(200, api.get(replica(1), "/api/v1/nodes/node-a").status());
        assertEquals(404, api.get(replica(1), "/api/v1/namespaces/default/nodes/node-a").status());
        assertEquals(1, api.get(replica(2), "/api/v1/nodes").body().path("items").size());

        Reply status = api.put(replica(2), "/api/v1/nodes/node-a/status",
                Manifests.node("node-a").replace("\"spec\": {}", "\"spec\": {}, \"status\": {\"allocatable\": {\"cpu\": \"2\"}}"));
        assertEquals(200, status.status(), status.text());
        assertEquals(200, api.delete(replica(0), "/api/v1/nodes/node-a").status());
    }

    @Test
    void clusterViewListsEveryReplicaWithOneLeader() {
        for (int i = 0; i < 3; i++) {
            Reply view = api.get(replica(i), "/api/v1/cluster");
            assertEquals(200, view.status(), view.text());

            JsonNode replicas = view.body().path("replicas");
            assertEquals(3, replicas.size(), view.text());
            long leaders = 0;
            for (JsonNode replica : replicas) {
                assertTrue(replica.path("httpAddress").asText().startsWith("http://127.0.0.1:"));
                assertTrue(replica.path("raftAddress").asText().startsWith("127.0.0.1:"));
                if ("LEADER".equals(replica.path("role").asText())) {
                    leaders++;
                    assertEquals(view.body().path("leaderId").asText(), replica.path("id").asText());
                }
            }
            assertEquals(1, leaders, view.text());
            assertTrue(view.body().path("term").asLong() > 0);
        }
    }

    @Test
    void healthChecksReportLeaderAndCaughtUp() {
        Reply health = api.get(cluster.replica(1).adminUri(), "/healthcheck");

        assertEquals(200, health.status(), health.text());
        assertTrue(health.body().path("raft-leader").path("healthy").asBoolean(), health.text());
        assertTrue(health.body().path("raft-caught-up").path("healthy").asBoolean(), health.text());
    }

    @Test
    void metricsIncludeCommitLatencyAndWatchCount() {
        api.post(replica(0), PODS, Manifests.pod("metered"));

        Reply metrics = api.get(cluster.replica(0).adminUri(), "/metrics");

        assertEquals(200, metrics.status());
        assertTrue(metrics.body().path("timers").path("boss.raft.commit").path("count").asLong() > 0, metrics.text());
        assertTrue(metrics.body().path("gauges").has("boss.watches.open"), metrics.text());
    }

    private static String withResourceVersion(String manifest, String name, String resourceVersion) {
        return manifest.replace("\"name\": \"" + name + "\"",
                "\"name\": \"" + name + "\", \"resourceVersion\": \"" + resourceVersion + "\"");
    }

    @Test
    void updateKeepsUidAndCreationTimestamp() {
        Reply created = api.post(replica(0), PODS, Manifests.pod("fixed"));
        String forged = Manifests.pod("fixed").replace("\"name\": \"fixed\"",
                "\"name\": \"fixed\", \"uid\": \"forged\", \"creationTimestamp\": \"2000-01-01T00:00:00Z\"");

        Reply updated = api.put(replica(1), PODS + "/fixed", forged);

        assertEquals(200, updated.status(), updated.text());
        assertEquals(created.body().path("metadata").path("uid"), updated.body().path("metadata").path("uid"));
        assertNotEquals("2000-01-01T00:00:00Z", updated.body().path("metadata").path("creationTimestamp").asText());
    }
}
