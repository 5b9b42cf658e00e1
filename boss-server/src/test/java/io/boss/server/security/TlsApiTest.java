package io.boss.server.security;

import io.boss.api.client.BossClient;
import io.boss.api.error.BossApiException;
import io.boss.api.model.Pod;
import io.boss.api.security.AccessReview;
import io.boss.server.testing.LocalCluster;
import io.boss.server.testing.SecureClusters;
import io.boss.server.testing.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API over https: server certificates, client certificates and bearer tokens from one throwaway CA. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TlsApiTest {

    private LocalCluster cluster;
    private TestPki pki;
    private TestPki stranger;
    private String endpoint;

    @BeforeAll
    void startCluster(@TempDir Path tempDir) throws Exception {
        Path pkiDirectory = Files.createDirectories(tempDir.resolve("pki"));
        pki = TestPki.create(pkiDirectory, "cluster");
        stranger = TestPki.create(pkiDirectory, "stranger");
        Path tokens = SecureClusters.writeTokenFile(tempDir.resolve("tokens.csv"));
        cluster = LocalCluster.builder(tempDir.resolve("data")).replicas(1).withoutBuiltInLeaderServices()
                .configure(SecureClusters.all(SecureClusters.tokenAuthentication(tokens), SecureClusters.https(pki)))
                .start();
        endpoint = cluster.replica(0).apiUri().toString().replace("http://", "https://");
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void tokenOverHttpsWithClusterCaWorks() {
        try (BossClient client = BossClient.builder().endpoints(endpoint).caFile(pki.caFile())
                .bearerToken(SecureClusters.ADMIN_TOKEN).build()) {
            Pod created = client.create(pod("over-tls"));

            assertEquals("over-tls", created.getMetadata().getName());
        }
    }

    @Test
    void serverCertificateFromUnknownCaIsRejected() {
        try (BossClient client = BossClient.builder().endpoints(endpoint).caFile(stranger.caFile())
                .bearerToken(SecureClusters.ADMIN_TOKEN).retryTimeout(Duration.ofMillis(500)).build()) {
            BossApiException error = assertThrows(BossApiException.class,
                    () -> client.list(Pod.class, "default", null, null));

            assertTrue(causedBy(error, SSLException.class), "expected a TLS handshake failure, got " + error);
        }
    }

    @Test
    void clientCertificateAuthenticatesCommonNameAndGroups() {
        List<Path> alice = pki.issueClient("alice", "system:masters", "team-a");
        try (BossClient client = BossClient.builder().endpoints(endpoint).caFile(pki.caFile())
                .clientCertificate(alice.get(0), alice.get(1)).build()) {
            AccessReview review = client.canI("delete", "nodes", null, null);

            assertEquals("alice", review.user());
            assertTrue(review.groups().containsAll(List.of("system:masters", "team-a")), review.groups().toString());
            assertTrue(review.allowed(), review.reason());
        }
    }

    @Test
    void clientCertificateFromUnknownCaIsRejected() {
        List<Path> mallory = stranger.issueClient("mallory", "system:masters");
        try (BossClient client = BossClient.builder().endpoints(endpoint).caFile(pki.caFile())
                .clientCertificate(mallory.get(0), mallory.get(1)).retryTimeout(Duration.ofMillis(500)).build()) {
            BossApiException error = assertThrows(BossApiException.class, () -> client.create(pod("from-mallory")));

            assertTrue(causedBy(error, SSLException.class) || error.error().code() == 401,
                    "expected a TLS handshake failure or 401, got " + error);
        }
        try (BossClient admin = BossClient.builder().endpoints(endpoint).caFile(pki.caFile())
                .bearerToken(SecureClusters.ADMIN_TOKEN).build()) {
            assertTrue(admin.get(Pod.class, "default", "from-mallory").isEmpty());
        }
    }

    private static Pod pod(String name) {
        Pod pod = new Pod("default", name);
        io.boss.api.model.Container container = new io.boss.api.model.Container();
        container.setName("main");
        container.setCommand(List.of("/bin/sleep", "60"));
        pod.getSpec().getContainers().add(container);
        return pod;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
