package io.boss.node.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.TextNode;
import io.boss.api.client.BossClient;
import io.boss.api.error.BossApiException;
import io.boss.api.model.Container;
import io.boss.api.model.Event;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.node.NodeAgentApplication;
import io.boss.node.config.NodeAgentConfiguration;
import io.boss.runtime.SandboxStatus;
import io.boss.runtime.process.ProcessProvider;
import io.boss.server.testing.LocalCluster;
import io.boss.server.testing.SecureClusters;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node agent with a node token against a cluster with authentication on: it registers, runs the
 * pod the scheduler binds to it, reports its status and records its events, all through the node
 * restriction.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class SecuredAgentTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path tempDir;

    @Test
    void agentWithNodeTokenRunsScheduledPod() throws Exception {
        Path tokens = SecureClusters.writeTokenFile(tempDir.resolve("tokens.csv"), "secured-node");
        Path stateDir = Files.createDirectories(tempDir.resolve("state"));
        DropwizardTestSupport<NodeAgentConfiguration> agent = null;
        try (LocalCluster cluster = LocalCluster.builder(tempDir.resolve("cluster")).replicas(1)
                .configure(SecureClusters.all(SecureClusters.tokenAuthentication(tokens), configuration ->
                        configuration.getApi().setBookmarkInterval(io.dropwizard.util.Duration.seconds(2))))
                .start();
             BossClient admin = BossClient.builder().endpoints(cluster.replica(0).apiUri().toString())
                     .bearerToken(SecureClusters.ADMIN_TOKEN).retryTimeout(Duration.ofSeconds(15)).build()) {
            String server = cluster.replica(0).apiUri().toString();
            agent = new DropwizardTestSupport<>(NodeAgentApplication.class,
                    agentConfiguration(server, stateDir, SecureClusters.nodeToken("secured-node")));
            agent.before();

            await("the agent to register its Node").atMost(WAIT).until(() ->
                    admin.get(Node.class, null, "secured-node").isPresent());
            admin.create(sleepPod("guarded"));
            Pod running = await("the pod to run on secured-node").atMost(WAIT).until(
                    () -> admin.get(Pod.class, "default", "guarded").orElseThrow(),
                    pod -> "Running".equals(pod.getStatus().getPhase()));
            assertEquals("secured-node", running.getSpec().getNodeName());
            String uid = running.getMetadata().getUid();
            await("the agent's Started event, allowed by the node restriction").atMost(WAIT).until(
                    () -> admin.list(Event.class, "default", null, "involvedObject.uid=" + uid + ",reason=Started")
                            .getItems(),
                    events -> events.size() == 1);

            try (BossClient anonymous = BossClient.builder().endpoints(server).retryTimeout(Duration.ofMillis(500))
                    .build()) {
                BossApiException error = assertThrows(BossApiException.class,
                        () -> anonymous.list(Pod.class, "default", null, null));
                assertEquals(401, error.error().code());
            }
            admin.delete(Pod.class, "default", "guarded", null);
            await("the pod to be gone").atMost(WAIT).until(() -> admin.get(Pod.class, "default", "guarded").isEmpty());
        } finally {
            if (agent != null) {
                agent.after();
            }
            ProcessProvider sandboxes = new ProcessProvider(stateDir);
            for (SandboxStatus sandbox : sandboxes.list()) {
                sandboxes.remove(sandbox.sandboxId());
            }
        }
    }

    private static NodeAgentConfiguration agentConfiguration(String server, Path stateDir, String token) {
        NodeAgentConfiguration configuration = new NodeAgentConfiguration();
        configuration.setNodeName("secured-node");
        configuration.setStateDir(stateDir.toString());
        configuration.setServers(List.of(server));
        configuration.getCredentials().setToken(token);
        configuration.setHeartbeatInterval(io.dropwizard.util.Duration.milliseconds(300));
        configuration.setLeaseDuration(io.dropwizard.util.Duration.seconds(5));
        configuration.setSandboxPollInterval(io.dropwizard.util.Duration.milliseconds(100));
        configuration.getProviders().getNamespaced().setEnabled(false);

        SimpleServerFactory serverFactory = (SimpleServerFactory) configuration.getServerFactory();
        ((HttpConnectorFactory) serverFactory.getConnector()).setPort(0);
        serverFactory.setShutdownGracePeriod(io.dropwizard.util.Duration.seconds(0));
        DefaultLoggingFactory logging = (DefaultLoggingFactory) configuration.getLoggingFactory();
        logging.setLevel("WARN");
        logging.setLoggers(Map.of("io.boss", TextNode.valueOf("INFO")));
        return configuration;
    }

    private static Pod sleepPod(String name) {
        Pod pod = new Pod("default", name);
        Container container = new Container();
        container.setName("main");
        container.setCommand(List.of("sleep", "300"));
        pod.getSpec().getContainers().add(container);
        return pod;
    }
}
