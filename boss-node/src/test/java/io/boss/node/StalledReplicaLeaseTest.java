package io.boss.node;

import static org.awaitility.Awaitility.await;

import io.boss.api.client.BossClient;
import io.boss.api.model.Lease;
import io.boss.node.registration.LeaseHeartbeat;
import io.boss.server.testing.LocalCluster;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replica an agent talks to stops replying without closing its connections, as a paused
 * process does. The agent's lease renewals must reach another replica well within the lease
 * duration, or the node lifecycle controller presumes the node lost and fails its pods.
 */
@Timeout(120)
class StalledReplicaLeaseTest {

    private static final String NODE = "stalled-replica-node";

    @TempDir
    Path dir;

    @Test
    void leaseIsRenewedThroughAnotherReplica() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder(dir.resolve("cluster")).replicas(3).start();
             StallingProxy proxy = new StallingProxy(cluster.replicas().get(0).apiUri().getPort())) {
            List<URI> servers = new ArrayList<>();
            servers.add(URI.create("http://127.0.0.1:" + proxy.port()));
            servers.add(cluster.replicas().get(1).apiUri());
            servers.add(cluster.replicas().get(2).apiUri());
            AgentHarness agent = new AgentHarness(NODE, dir.resolve("state"), servers);
            agent.start();
            try (BossClient client = BossClient.builder().endpoint(cluster.replicas().get(1).apiUri()).build()) {
                await("lease created").atMost(Duration.ofSeconds(30)).until(() -> renewTime(client).isPresent());

                proxy.stall();
                Instant stalledAt = Instant.now();

                // Within the harness's 5 s lease: with the client's default 10 s request timeout
                // the first renewal after the stall came only after the lease ran out.
                await("a renewal through another replica").atMost(Duration.ofSeconds(5))
                        .until(() -> renewTime(client).map(stalledAt::isBefore).orElse(false));
            } finally {
                agent.stop();
            }
        }
    }

    private static Optional<Instant> renewTime(BossClient client) {
        return client.get(Lease.class, LeaseHeartbeat.NAMESPACE, NODE).map(lease -> lease.getSpec().getRenewTime());
    }
}
