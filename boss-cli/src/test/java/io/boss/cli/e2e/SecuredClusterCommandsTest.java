package io.boss.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.cli.client.BossClientApi;
import io.boss.cli.testing.CliRunner;
import io.boss.cli.testing.CliRunner.Result;
import io.boss.server.testing.LocalCluster;
import io.boss.server.testing.SecureClusters;
import io.boss.server.testing.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * bossctl against a replica that serves https and requires a bearer token, configured only through
 * BOSS_SERVERS, BOSS_TOKEN and BOSS_CA_FILE as {@code source .boss-local/env} sets them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecuredClusterCommandsTest {

    private static final String POD = String.join("\n",
            "apiVersion: boss.io/v1",
            "kind: Pod",
            "metadata:",
            "  name: guarded",
            "spec:",
            "  containers:",
            "  - name: main",
            "    command: [sleep, \"3600\"]",
            "");

    private LocalCluster cluster;
    private TestPki pki;
    private Path manifest;

    @BeforeAll
    void startCluster(@TempDir Path tempDir) throws IOException {
        pki = TestPki.create(Files.createDirectories(tempDir.resolve("pki")), "cli");
        Path tokens = SecureClusters.writeTokenFile(tempDir.resolve("tokens.csv"));
        cluster = LocalCluster.builder(tempDir.resolve("cluster")).replicas(1).withoutBuiltInLeaderServices()
                .configure(SecureClusters.all(SecureClusters.tokenAuthentication(tokens), SecureClusters.https(pki)))
                .start();
        manifest = Files.writeString(tempDir.resolve("pod.yaml"), POD);
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private CliRunner runner(String token) {
        CliRunner runner = new CliRunner()
                .environment("BOSS_SERVERS", cluster.replica(0).apiUri().toString().replace("http://", "https://"))
                .environment("BOSS_CA_FILE", pki.caFile().toString())
                .apiFactory(BossClientApi::open);
        return token == null ? runner : runner.environment("BOSS_TOKEN", token);
    }

    @Test
    void adminTokenAppliesAndLists() {
        Result applied = runner(SecureClusters.ADMIN_TOKEN).run("apply", "-f", manifest.toString(), "-n", "secured");
        Result pods = runner(SecureClusters.ADMIN_TOKEN).run("get", "pods", "-n", "secured");

        assertEquals(0, applied.exitCode(), applied.err());
        assertEquals(0, pods.exitCode(), pods.err());
        assertTrue(pods.out().contains("guarded"), pods.out());
    }

    @Test
    void missingTokenIsReportedAsUnauthorized() {
        Result pods = runner(null).run("get", "pods", "-n", "secured");

        assertEquals(1, pods.exitCode(), pods.out());
        assertTrue(pods.err().startsWith("error: Unauthorized: "), pods.err());
        assertFalse(pods.err().contains("Unauthorized: Unauthorized"), pods.err());
    }

    @Test
    void canIAnswersYesOrNoWithExitCode() {
        Result admin = runner(SecureClusters.ADMIN_TOKEN).run("auth", "can-i", "delete", "nodes");
        Result viewer = runner(SecureClusters.VIEWER_TOKEN).run("auth", "can-i", "create", "pods", "-n", "secured");

        assertEquals(0, admin.exitCode(), admin.err());
        assertTrue(admin.out().startsWith("yes - allowed by ClusterRole/admin"), admin.out());
        assertEquals(1, viewer.exitCode(), viewer.err());
        assertTrue(viewer.out().startsWith("no - User \"viewer\" cannot create pods"), viewer.out());
    }

    @Test
    void rolesAreListedAsNameAndAge() throws IOException {
        Path role = Files.writeString(manifest.resolveSibling("role.yaml"), String.join("\n",
                "apiVersion: boss.io/v1",
                "kind: ClusterRole",
                "metadata:",
                "  name: pod-reader",
                "spec:",
                "  rules:",
                "  - verbs: [get, list, watch]",
                "    resources: [pods]",
                ""));

        Result applied = runner(SecureClusters.ADMIN_TOKEN).run("apply", "-f", role.toString());
        Result roles = runner(SecureClusters.ADMIN_TOKEN).run("get", "clusterroles");

        assertEquals(0, applied.exitCode(), applied.err());
        assertEquals(0, roles.exitCode(), roles.err());
        List<String> rows = roles.out().lines().toList();
        assertEquals(List.of("NAME", "AGE"), List.of(rows.get(0).split("\\s+")));
        assertTrue(rows.get(1).startsWith("pod-reader "), roles.out());
    }
}
