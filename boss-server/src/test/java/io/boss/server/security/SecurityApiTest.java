package io.boss.server.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.boss.server.api.Manifests;
import io.boss.server.testing.HttpApi;
import io.boss.server.testing.HttpApi.Reply;
import io.boss.server.testing.LocalCluster;
import io.boss.server.testing.SecureClusters;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.boss.server.testing.SecureClusters.ADMIN_TOKEN;
import static io.boss.server.testing.SecureClusters.DEVELOPER_TOKEN;
import static io.boss.server.testing.SecureClusters.VIEWER_TOKEN;
import static io.boss.server.testing.SecureClusters.nodeToken;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Authentication, RBAC, node restriction, isolation policy and watch limits of one replica with
 * authentication on. Every rejected request is followed by a check that the registry is unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecurityApiTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final HttpApi api = new HttpApi();
    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();
    private LocalCluster cluster;
    private Path tokenFile;

    @BeforeAll
    void startCluster(@TempDir Path tempDir) {
        tokenFile = SecureClusters.writeTokenFile(tempDir.resolve("tokens.csv"), "node-a", "node-b");
        cluster = LocalCluster.builder(tempDir).replicas(1).withoutBuiltInLeaderServices()
                .configure(SecureClusters.all(SecureClusters.tokenAuthentication(tokenFile), configuration -> {
                    configuration.getSecurity().setMaxWatchesPerUser(2);
                    // A closed watch is noticed on the next write, so frequent bookmarks free its slot quickly.
                    configuration.getApi().setBookmarkInterval(io.dropwizard.util.Duration.milliseconds(200));
                    DefaultLoggingFactory logging = (DefaultLoggingFactory) configuration.getLoggingFactory();
                    logging.setLoggers(Map.of("io.boss", TextNode.valueOf("INFO"), AuditLog.LOGGER,
                            TextNode.valueOf("INFO"), "org.apache.ratis", TextNode.valueOf("ERROR")));
                }))
                .start();
        audit.start();
        ((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).addAppender(audit);

        String viewers = """
                {"apiVersion": "boss.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "viewers"},
                 "spec": {"roleRef": {"kind": "ClusterRole", "name": "view"},
                          "subjects": [{"kind": "User", "name": "viewer"}]}}
                """;
        assertEquals(201, send(ADMIN_TOKEN, "POST", "/api/v1/clusterrolebindings", viewers).status());
        await("the view binding to reach the replica's cache").atMost(WAIT).untilAsserted(() ->
                assertEquals(200, send(VIEWER_TOKEN, "GET", "/api/v1/pods", null).status()));
    }

    @AfterAll
    void stopCluster() {
        ((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).detachAppender(audit);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void requestWithoutTokenGets401AndChangesNothing() {
        Reply reply = api.post(base(), "/api/v1/namespaces/anon/pods", Manifests.pod("sneaky"));

        assertEquals(401, reply.status(), reply.text());
        assertEquals("Unauthorized", reply.reason());
        assertEquals(0, podNames(ADMIN_TOKEN, "anon").size());
    }

    @Test
    void requestWithUnknownTokenGets401() {
        Reply reply = send("not-a-token", "GET", "/api/v1/namespaces/default/pods", null);

        assertEquals(401, reply.status(), reply.text());
        assertTrue(reply.body().path("message").asText().contains("invalid or was revoked"), reply.text());
    }

    @Test
    void viewerCreateIsForbidden() {
        Reply reply = send(VIEWER_TOKEN, "POST", "/api/v1/namespaces/viewing/pods", Manifests.pod("web"));

        assertEquals(403, reply.status(), reply.text());
        assertEquals("Forbidden", reply.reason());
        String message = reply.body().path("message").asText();
        assertTrue(message.contains("\"viewer\""), message);
        assertTrue(message.contains("create"), message);
        assertTrue(message.contains("pods"), message);
        assertTrue(message.contains("viewing"), message);
        assertEquals(0, podNames(ADMIN_TOKEN, "viewing").size());
    }

    @Test
    void roleBindingGrantsEditInItsNamespaceOnly() {
        String binding = """
                {"apiVersion": "boss.io/v1", "kind": "RoleBinding", "metadata": {"name": "developer-edit"},
                 "spec": {"roleRef": {"kind": "ClusterRole", "name": "edit"},
                          "subjects": [{"kind": "User", "name": "developer"}]}}
                """;
        Reply forbidden = send(DEVELOPER_TOKEN, "POST", "/api/v1/namespaces/team/pods", Manifests.pod("before"));
        assertEquals(403, forbidden.status(), forbidden.text());

        Reply bound = send(ADMIN_TOKEN, "POST", "/api/v1/namespaces/team/rolebindings", binding);
        assertEquals(201, bound.status(), bound.text());

        await("the binding to let developer create pods in team").atMost(WAIT).untilAsserted(() -> {
            Reply created = send(DEVELOPER_TOKEN, "POST", "/api/v1/namespaces/team/pods", Manifests.pod("app"));
            assertEquals(201, created.status(), created.text());
        });
        Reply elsewhere = send(DEVELOPER_TOKEN, "POST", "/api/v1/namespaces/other-team/pods", Manifests.pod("app"));
        assertEquals(403, elsewhere.status(), elsewhere.text());
        assertEquals(0, podNames(ADMIN_TOKEN, "other-team").size());

        Reply escalate = send(DEVELOPER_TOKEN, "POST", "/api/v1/namespaces/team/rolebindings",
                binding.replace("developer-edit", "developer-admin").replace("\"edit\"", "\"admin\""));
        assertEquals(403, escalate.status(), escalate.text());
    }

    @Test
    void nodeCannotReadOrModifyAnotherNodesPods() {
        createBoundPod("pod-of-a", "node-a");
        createBoundPod("pod-of-b", "node-b");
        String nodeA = nodeToken("node-a");
        String podOfB = "/api/v1/namespaces/nodes-test/pods/pod-of-b";
        String before = send(ADMIN_TOKEN, "GET", podOfB, null).body().path("metadata").path("resourceVersion").asText();

        assertEquals(200, send(nodeA, "GET", "/api/v1/namespaces/nodes-test/pods/pod-of-a", null).status());
        assertEquals(403, send(nodeA, "GET", podOfB, null).status());
        assertEquals(403, send(nodeA, "GET", "/api/v1/namespaces/nodes%2Dtest/pods/pod%2Dof%2Db", null).status());
        assertEquals(403, send(nodeA, "GET", "/api/v1/pods", null).status());
        assertEquals(403, send(nodeA, "GET", "/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-b", null).status());
        assertEquals(403, send(nodeA, "GET", "/api/v1/pods?watch=true&fieldSelector=spec.nodeName%3Dnode-b", null)
                .status());
        Reply own = send(nodeA, "GET", "/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-a", null);
        assertEquals(200, own.status(), own.text());
        assertEquals(List.of("pod-of-a"), names(own.body()));

        String status = """
                {"apiVersion": "boss.io/v1", "kind": "Pod", "metadata": {"name": "%s"},
                 "status": {"phase": "Failed", "reason": "NodeLost"}}
                """;
        Reply statusOfB = send(nodeA, "PUT", podOfB + "/status", status.formatted("pod-of-b"));
        assertEquals(403, statusOfB.status(), statusOfB.text());
        assertTrue(statusOfB.body().path("message").asText().contains("bound to another node"), statusOfB.text());
        assertEquals(403, send(nodeA, "PUT", podOfB, Manifests.pod("pod-of-b")).status());
        assertEquals(403, send(nodeA, "DELETE", podOfB, null).status());
        assertEquals(403, send(nodeA, "POST", "/api/v1/namespaces/nodes-test/pods", Manifests.pod("planted")).status());
        assertEquals(403, send(nodeA, "PUT", "/api/v1/namespaces/nodes-test/pods/pod-of-a",
                Manifests.pod("pod-of-a")).status());
        Reply statusOfA = send(nodeA, "PUT", "/api/v1/namespaces/nodes-test/pods/pod-of-a/status",
                status.formatted("pod-of-a"));
        assertEquals(200, statusOfA.status(), statusOfA.text());

        Reply afterwards = send(ADMIN_TOKEN, "GET", podOfB, null);
        assertEquals(before, afterwards.body().path("metadata").path("resourceVersion").asText());
        assertEquals(List.of("pod-of-a", "pod-of-b"), podNames(ADMIN_TOKEN, "nodes-test"));
    }

    @Test
    void nodeWritesOnlyOwnNodeAndLease() {
        String nodeA = nodeToken("node-a");

        assertEquals(201, send(nodeA, "POST", "/api/v1/nodes", Manifests.node("node-a")).status());
        assertEquals(403, send(nodeA, "POST", "/api/v1/nodes", Manifests.node("node-b")).status());
        assertEquals(403, send(nodeA, "GET", "/api/v1/nodes", null).status());
        assertEquals(403, send(nodeA, "PUT", "/api/v1/nodes/node-b", Manifests.node("node-b")).status());
        assertEquals(200, send(nodeA, "PUT", "/api/v1/nodes/node-a", Manifests.node("node-a")).status());
        String lease = """
                {"apiVersion": "boss.io/v1", "kind": "Lease", "metadata": {"name": "%s"},
                 "spec": {"holderIdentity": "%s", "leaseDurationSeconds": 10}}
                """;
        assertEquals(403, send(nodeA, "POST", "/api/v1/namespaces/boss-node-lease/leases",
                lease.formatted("node-b", "node-b")).status());
        assertEquals(201, send(nodeA, "POST", "/api/v1/namespaces/boss-node-lease/leases",
                lease.formatted("node-a", "node-a")).status());

        Reply nodes = send(ADMIN_TOKEN, "GET", "/api/v1/nodes", null);
        assertFalse(names(nodes.body()).contains("node-b"), nodes.text());
    }

    @Test
    void removedTokenStopsWorkingWithoutRestart() {
        Path file = tokenFile;
        String revoked = "revoked-test-token";
        SecureClusters.write(file, readTokens(file) + SecureClusters.line(revoked, "temporary", "system:masters"));
        await("the added token to authenticate").atMost(WAIT).untilAsserted(() ->
                assertEquals(200, send(revoked, "GET", "/api/v1/namespaces/default/pods", null).status()));

        SecureClusters.write(file, readTokens(file).replace(SecureClusters.line(revoked, "temporary", "system:masters"), ""));

        await("the removed token to be rejected").atMost(WAIT).untilAsserted(() ->
                assertEquals(401, send(revoked, "GET", "/api/v1/namespaces/default/pods", null).status()));
        assertEquals(200, send(ADMIN_TOKEN, "GET", "/api/v1/namespaces/default/pods", null).status());
    }

    @Test
    void isolationPolicyRejectsProcessPod() {
        String policy = """
                {"apiVersion": "boss.io/v1", "kind": "IsolationPolicy", "metadata": {"name": "sandboxed-only"},
                 "spec": {"minIsolation": "runtimeSandboxed", "allowHostNetwork": false}}
                """;
        assertEquals(201, send(ADMIN_TOKEN, "POST", "/api/v1/namespaces/secure/isolationpolicies", policy).status());

        await("the policy to reject a process pod").atMost(WAIT).untilAsserted(() -> {
            Reply rejected = send(ADMIN_TOKEN, "POST", "/api/v1/namespaces/secure/pods", Manifests.pod("native"));
            assertEquals(403, rejected.status(), rejected.text());
            String message = rejected.body().path("message").asText();
            assertTrue(message.contains("sandboxed-only"), message);
            assertTrue(message.contains("minIsolation runtimeSandboxed"), message);
        });
        String wasmPod = """
                {"apiVersion": "boss.io/v1", "kind": "Pod", "metadata": {"name": "module"},
                 "spec": {"sandboxClass": "wasm",
                          "sandbox": {"artifact": {"type": "wasmModule", "path": "/opt/app.wasm"}},
                          "containers": [{"name": "main"}]}}
                """;
        Reply accepted = send(ADMIN_TOKEN, "POST", "/api/v1/namespaces/secure/pods", wasmPod);
        assertEquals(201, accepted.status(), accepted.text());

        String deployment = """
                {"apiVersion": "boss.io/v1", "kind": "Deployment", "metadata": {"name": "native-web"},
                 "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}},
                          "template": {"metadata": {"labels": {"app": "web"}},
                                       "spec": {"containers": [{"name": "main", "command": ["/bin/sleep", "60"]}]}}}}
                """;
        Reply template = send(ADMIN_TOKEN, "POST", "/api/v1/namespaces/secure/deployments", deployment);
        assertEquals(403, template.status(), template.text());
        assertTrue(template.body().path("message").asText().contains("pod template"), template.text());

        assertEquals(List.of("module"), podNames(ADMIN_TOKEN, "secure"));
        Reply deployments = send(ADMIN_TOKEN, "GET", "/api/v1/namespaces/secure/deployments", null);
        assertEquals(0, names(deployments.body()).size());
    }

    @Test
    void watchesAboveThePerUserLimitGet429() {
        List<HttpApi.WatchConnection> open = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                open.add(watch(VIEWER_TOKEN));
                assertEquals(200, open.get(i).status());
            }
            HttpApi.WatchConnection third = watch(VIEWER_TOKEN);
            open.add(third);
            assertEquals(429, third.status());

            open.get(0).close();
            await("a closed watch to free its slot").atMost(WAIT).untilAsserted(() -> {
                HttpApi.WatchConnection again = watch(VIEWER_TOKEN);
                open.add(again);
                assertEquals(200, again.status());
            });
        } finally {
            for (HttpApi.WatchConnection connection : open) {
                connection.close();
            }
        }
    }

    @Test
    void canIReportsTheCallersOwnAccess() {
        Reply read = send(VIEWER_TOKEN, "GET", "/api/v1/auth/can-i?verb=list&resource=pods&namespace=x", null);
        assertEquals(200, read.status(), read.text());
        assertEquals("viewer", read.body().path("user").asText());
        assertTrue(read.body().path("allowed").asBoolean(), read.text());
        assertTrue(read.body().path("reason").asText().contains("ClusterRoleBinding/viewers"), read.text());

        Reply write = send(VIEWER_TOKEN, "GET", "/api/v1/auth/can-i?verb=create&resource=pods&namespace=x", null);
        assertFalse(write.body().path("allowed").asBoolean(), write.text());

        Reply admin = send(ADMIN_TOKEN, "GET", "/api/v1/auth/can-i?verb=delete&resource=nodes", null);
        assertTrue(admin.body().path("allowed").asBoolean(), admin.text());
        assertTrue(admin.body().path("reason").asText().contains("ClusterRole/admin"), admin.text());
    }

    @Test
    void builtInRoleNameCannotBeStored() {
        String role = """
                {"apiVersion": "boss.io/v1", "kind": "ClusterRole", "metadata": {"name": "admin"},
                 "spec": {"rules": [{"verbs": ["get"], "resources": ["pods"]}]}}
                """;
        Reply reply = send(ADMIN_TOKEN, "POST", "/api/v1/clusterroles", role);

        assertEquals(422, reply.status(), reply.text());
        assertEquals(0, names(send(ADMIN_TOKEN, "GET", "/api/v1/clusterroles", null).body()).size());
    }

    @Test
    void everyMutatingRequestIsAudited() {
        send(ADMIN_TOKEN, "POST", "/api/v1/namespaces/audited/pods", Manifests.pod("kept"));
        send(VIEWER_TOKEN, "DELETE", "/api/v1/namespaces/audited/pods/kept", null);
        api.post(base(), "/api/v1/namespaces/audited/pods", Manifests.pod("anonymous"));

        // The audit line is written once the response is complete, so the client may see the response first.
        await("audit lines of the three requests").atMost(WAIT).untilAsserted(() -> {
            List<String> lines = auditLines("namespace \"audited\"");
            assertTrue(lines.contains("user=\"admin\" verb=create target=pods in namespace \"audited\" status=201"),
                    lines.toString());
            assertTrue(lines.contains("user=\"viewer\" verb=delete target=pods \"kept\" in namespace \"audited\" "
                    + "status=403"), lines.toString());
            assertTrue(lines.contains("user=\"system:unauthenticated\" verb=create target=pods in namespace "
                    + "\"audited\" status=401"), lines.toString());
        });
    }

    @Test
    void oversizedHeaderIsRejected() {
        // Jetty closes the connection after 431, so a client of its own keeps that out of the shared pool.
        Reply reply = new HttpApi().send(HttpRequest.newBuilder(base().resolve("/api/v1/namespaces/default/pods"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("X-Padding", "x".repeat(16 * 1024)).GET());

        assertEquals(431, reply.status(), reply.text());
    }

    private List<String> auditLines(String containing) {
        synchronized (audit) {
            return new ArrayList<>(audit.list).stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(line -> line.contains(containing)).toList();
        }
    }

    private void createBoundPod(String name, String node) {
        String pod = Manifests.pod(name).replace("\"containers\"", "\"nodeName\": \"" + node + "\", \"containers\"");
        Reply created = send(ADMIN_TOKEN, "POST", "/api/v1/namespaces/nodes-test/pods", pod);
        assertEquals(201, created.status(), created.text());
    }

    private HttpApi.WatchConnection watch(String token) {
        return api.watch(HttpRequest.newBuilder(base().resolve("/api/v1/pods?watch=true"))
                .header("Authorization", "Bearer " + token).GET().build());
    }

    private List<String> podNames(String token, String namespace) {
        Reply list = send(token, "GET", "/api/v1/namespaces/" + namespace + "/pods", null);
        assertEquals(200, list.status(), list.text());
        return names(list.body());
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("items").forEach(item -> names.add(item.path("metadata").path("name").asText()));
        return names;
    }

    private Reply send(String token, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base().resolve(path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return api.send(request);
    }

    private static String readTokens(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private URI base() {
        return cluster.replica(0).apiUri();
    }
}
