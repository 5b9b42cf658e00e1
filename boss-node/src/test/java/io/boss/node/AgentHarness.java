package io.boss.node;

import com.fasterxml.jackson.databind.node.TextNode;
import io.boss.node.config.NodeAgentConfiguration;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.util.Duration;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One node agent running in the test JVM as a real Dropwizard application, on a free loopback
 * port, with its own state directory. Stopping and starting it again over the same directory is
 * how tests restart the agent.
 */
final class AgentHarness implements AutoCloseable {

    private final NodeAgentConfiguration configuration;
    private DropwizardTestSupport<NodeAgentConfiguration> support;

    AgentHarness(String nodeName, Path stateDir, List<URI> servers) {
        configuration = new NodeAgentConfiguration();
        configuration.setNodeName(nodeName);
        configuration.setStateDir(stateDir.toString());
        configuration.setServers(servers.stream().map(URI::toString).toList());
        configuration.setHeartbeatInterval(Duration.milliseconds(300));
        configuration.setLeaseDuration(Duration.seconds(5));
        configuration.setSandboxPollInterval(Duration.milliseconds(100));
        configuration.setDefaultTerminationGracePeriod(Duration.seconds(2));
        configuration.getProviders().getNamespaced().setEnabled(false);
        // Their self-checks run probe containers and VMs; tests of those providers enable them.
        configuration.getProviders().getContainer().setEnabled(false);
        configuration.getProviders().getVm().setEnabled(false);
        configuration.getProviders().getMicrovm().setEnabled(false);

        SimpleServerFactory server = (SimpleServerFactory) configuration.getServerFactory();
        ((HttpConnectorFactory) server.getConnector()).setPort(0);
        // No graceful wait: the test HTTP client keeps idle connections open, which would time the stop out.
        server.setShutdownGracePeriod(Duration.seconds(0));
        DefaultLoggingFactory logging = (DefaultLoggingFactory) configuration.getLoggingFactory();
        logging.setLevel("WARN");
        logging.setLoggers(Map.of("io.boss", TextNode.valueOf("INFO")));
    }

    /** Returns the configuration, to change before {@link #start}. */
    NodeAgentConfiguration configuration() {
        return configuration;
    }

    AgentHarness start() throws Exception {
        DropwizardTestSupport<NodeAgentConfiguration> starting =
                new DropwizardTestSupport<>(NodeAgentApplication.class, configuration);
        try {
            starting.before();
        } catch (Exception e) {
            starting.after();
            throw e;
        }
        support = starting;
        return this;
    }

    /** Returns the base URL of the agent's HTTP port. */
    URI uri() {
        return URI.create("http://127.0.0.1:" + support.getLocalPort());
    }

    void stop() {
        if (support != null) {
            DropwizardTestSupport<NodeAgentConfiguration> stopping = support;
            support = null;
            stopping.after();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
