package io.boss.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.client.BossClient;
import io.boss.api.model.Lease;
import io.boss.node.config.NodeAgentConfiguration;
import io.boss.node.registration.LeaseHeartbeat;
import io.boss.runtime.LogOptions;
import io.boss.runtime.ProviderCapabilities;
import io.boss.runtime.SandboxException;
import io.boss.runtime.SandboxProvider;
import io.boss.runtime.SandboxSpec;
import io.boss.runtime.SandboxStatus;
import io.boss.runtime.process.ProcessProvider;
import io.boss.server.testing.LocalCluster;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider's self-check may take longer than the node's lease lasts (a KVM probe waits up to
 * 10 s for a guest kernel). The agent must keep renewing its lease meanwhile, or the node
 * lifecycle controller presumes the node lost and fails its pods.
 */
@Timeout(120)
class SlowProviderCheckTest {

    private static final String NODE = "slow-check-node";

    @TempDir
    Path dir;

    @Test
    void blockedSelfCheckDoesNotStopLeaseRenewal() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder(dir.resolve("cluster")).replicas(1).start()) {
            URI api = cluster.replicas().get(0).apiUri();
            NodeAgentConfiguration configuration = new AgentHarness(NODE, dir.resolve("state"), List.of(api))
                    .configuration();
            BlockingCheckProvider provider = new BlockingCheckProvider(new ProcessProvider(dir.resolve("state")));
            NodeAgent agent = new NodeAgent(configuration, List.of(provider));
            try (BossClient client = BossClient.builder().endpoints(api.toString()).build()) {
                agent.start(0);
                await("lease created").atMost(Duration.ofSeconds(30)).until(() -> renewTime(client).isPresent());

                provider.blockChecks();
                await("a self-check blocks").atMost(Duration.ofSeconds(30)).until(provider::checkBlocked);
                Set<Instant> renewals = ConcurrentHashMap.newKeySet();
                await("the lease is renewed while the self-check blocks").atMost(Duration.ofSeconds(30))
                        .until(() -> {
                            renewTime(client).ifPresent(renewals::add);
                            return renewals.size() >= 3;
                        });

                assertTrue(provider.checkBlocked(), "the self-check returned before the lease renewals");
            } finally {
                provider.release();
                agent.close();
            }
        }
    }

    private static Optional<Instant> renewTime(BossClient client) {
        return client.get(Lease.class, LeaseHeartbeat.NAMESPACE, NODE).map(lease -> lease.getSpec().getRenewTime());
    }

    /** The process provider, with a self-check that the test can hold, as a hung backend probe would. */
    private static final class BlockingCheckProvider implements SandboxProvider {
        private final ProcessProvider delegate;
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicBoolean blocking = new AtomicBoolean();
        private volatile boolean inCheck;

        BlockingCheckProvider(ProcessProvider delegate) {
            this.delegate = delegate;
        }

        void blockChecks() {
            blocking.set(true);
        }

        void release() {
            released.countDown();
        }

        boolean checkBlocked() {
            return inCheck;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public ProviderCapabilities capabilities() {
            if (blocking.get()) {
                inCheck = true;
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inCheck = false;
                }
            }
            return delegate.capabilities();
        }

        @Override
        public void prepare(SandboxSpec spec) throws SandboxException {
            delegate.prepare(spec);
        }

        @Override
        public SandboxStatus create(SandboxSpec spec) throws SandboxException {
            return delegate.create(spec);
        }

        @Override
        public SandboxStatus start(String sandboxId) throws SandboxException {
            return delegate.start(sandboxId);
        }

        @Override
        public SandboxStatus stop(String sandboxId, Duration grace) throws SandboxException {
            return delegate.stop(sandboxId, grace);
        }

        @Override
        public void remove(String sandboxId) throws SandboxException {
            delegate.remove(sandboxId);
        }

        @Override
        public Optional<SandboxStatus> status(String sandboxId) throws SandboxException {
            return delegate.status(sandboxId);
        }

        @Override
        public InputStream logs(String sandboxId, LogOptions options) throws SandboxException {
            return delegate.logs(sandboxId, options);
        }

        @Override
        public List<SandboxStatus> list() throws SandboxException {
            return delegate.list();
        }
    }
}
