package io.boss.bench.controllers;

import com.fasterxml.jackson.databind.node.TextNode;
import io.boss.api.client.BossClient;
import io.boss.api.error.BossApiException;
import io.boss.api.model.Container;
import io.boss.api.model.Deployment;
import io.boss.api.model.LabelSelector;
import io.boss.api.model.PodTemplateSpec;
import io.boss.node.NodeAgentApplication;
import io.boss.node.config.NodeAgentConfiguration;
import io.boss.runtime.SandboxStatus;
import io.boss.runtime.process.ProcessProvider;
import io.boss.server.BossServerApplication;
import io.boss.server.config.BossServerConfiguration;
import io.boss.server.config.PeerConfig;
import io.boss.store.testing.LoopbackPorts;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.testing.DropwizardTestSupport;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Measures how fast the controllers converge, on three server replicas and one node agent with the
 * process provider, all in this JVM on loopback ports:
 *
 * <ol>
 *   <li>time from creating a Deployment of {@code --replicas} {@code sleep} processes until its
 *       status reports them all available;</li>
 *   <li>for a second Deployment of the same size, the leader replica is stopped once
 *       {@code --kill-after} pods exist; printed are the time until a new leader is elected and the
 *       time from that election until the Deployment reports every replica available.</li>
 * </ol>
 *
 * Each time is printed with the CPU time this JVM used in that phase and the load average.
 *
 * Usage: {@code java -Xmx1g -jar bench/target/boss-bench.jar controllers --replicas 200}.
 */
public final class ControllersBenchmark {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private ControllersBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int replicas = intOption(args, "--replicas", 200);
        int killAfter = intOption(args, "--kill-after", replicas / 4);
        Path base = Files.createTempDirectory("boss-bench-controllers");

        List<DropwizardTestSupport<BossServerConfiguration>> servers = startServers(base);
        NodeAgentConfiguration agentConfiguration = agentConfiguration(base.resolve("node"), servers);
        DropwizardTestSupport<NodeAgentConfiguration> agent =
                new DropwizardTestSupport<>(NodeAgentApplication.class, agentConfiguration);
        agent.before();
        BossClient client = BossClient.builder().endpoints(String.join(",", httpAddresses(servers)))
                .retryTimeout(Duration.ofSeconds(30)).build();
        try {
            waitFor("node bench-node ready", () -> client.get(io.boss.api.model.Node.class, null, "bench-node").isPresent());

            long start = System.nanoTime();
            long cpuAtStart = cpuMillis();
            client.create(deployment("bench-scale", replicas));
            waitFor(replicas + " available", () -> available(client, "bench-scale") == replicas);
            System.out.printf("%d replicas available after %d ms (%s)%n", replicas, millisSince(start),
                    cpuAndLoad(cpuAtStart));

            client.create(deployment("bench-failover", replicas));
            waitFor(killAfter + " pods created", () -> client.list(io.boss.api.model.Pod.class, "default",
                    "app=bench-failover", null).getItems().size() >= killAfter);
            int leader = leaderIndex(servers);
            long killed = System.nanoTime();
            servers.get(leader).after();
            waitFor("a new leader", () -> leaderIndex(servers) >= 0);
            long elected = System.nanoTime();
            long cpuAtElection = cpuMillis();
            waitFor(replicas + " available after failover", () -> available(client, "bench-failover") == replicas);
            System.out.printf("leader stopped with %d+ pods created; new leader elected after %d ms; "
                    + "%d replicas available %d ms after the election (%s)%n",
                    killAfter, (elected - killed) / 1_000_000, replicas, millisSince(elected),
                    cpuAndLoad(cpuAtElection));

            client.delete(Deployment.class, "default", "bench-scale", null);
            client.delete(Deployment.class, "default", "bench-failover", null);
            waitFor("every pod deleted", () -> client.list(io.boss.api.model.Pod.class, "default", null, null)
                    .getItems().isEmpty());
        } finally {
            client.close();
            agent.after();
            ProcessProvider sandboxes = new ProcessProvider(base.resolve("node"));
            for (SandboxStatus sandbox : sandboxes.list()) {
                sandboxes.remove(sandbox.sandboxId());
            }
            for (DropwizardTestSupport<BossServerConfiguration> server : servers) {
                server.after();
            }
        }
    }

    private static Deployment deployment(String name, int replicas) {
        Deployment deployment = new Deployment("default", name);
        deployment.getSpec().setReplicas(replicas);
        LabelSelector selector = new LabelSelector();
        selector.setMatchLabels(Map.of("app", name));
        deployment.getSpec().setSelector(selector);
        PodTemplateSpec template = new PodTemplateSpec();
        template.getMetadata().setLabels(Map.of("app", name));
        Container container = new Container();
        container.setName("main");
        container.setCommand(List.of("sleep", "600"));
        template.getSpec().setContainers(List.of(container));
        template.getSpec().setTerminationGracePeriodSeconds(1L);
        deployment.getSpec().setTemplate(template);
        return deployment;
    }

    private static int available(BossClient client, String name) {
        return client.get(Deployment.class, "default", name).map(d -> d.getStatus().getAvailableReplicas()).orElse(0);
    }

    private static int leaderIndex(List<DropwizardTestSupport<BossServerConfiguration>> servers) {
        for (int i = 0; i < servers.size(); i++) {
            DropwizardTestSupport<BossServerConfiguration> server = servers.get(i);
            BossServerApplication application = server.getApplication();
            if (application != null && application.context() != null && server.getEnvironment() != null
                    && isRunning(server) && application.context().store().isLeader()) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isRunning(DropwizardTestSupport<BossServerConfiguration> server) {
        try {
            return server.getLocalPort() > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<DropwizardTestSupport<BossServerConfiguration>> startServers(Path base) {
        List<PeerConfig> peers = new ArrayList<>();
        List<int[]> ports = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            peers.add(new PeerConfig("r" + i, "127.0.0.1:" + LoopbackPorts.next(), "http://127.0.0.1:" + LoopbackPorts.next()));
            ports.add(new int[] {LoopbackPorts.next()});
        }
        List<DropwizardTestSupport<BossServerConfiguration>> servers = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            BossServerConfiguration configuration = new BossServerConfiguration();
            configuration.setReplicaId(peers.get(i).getId());
            configuration.setPeers(peers);
            configuration.setDataDir(base.resolve(peers.get(i).getId()).toString());
            DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
            int httpPort = Integer.parseInt(peers.get(i).getHttpAddress().replaceAll(".*:", ""));
            ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).setPort(httpPort);
            ((HttpConnectorFactory) server.getAdminConnectors().get(0)).setPort(ports.get(i)[0]);
            quiet((DefaultLoggingFactory) configuration.getLoggingFactory());
            servers.add(new DropwizardTestSupport<>(BossServerApplication.class, configuration));
        }
        servers.parallelStream().forEach(server -> {
            try {
                server.before();
            } catch (Exception e) {
                throw new IllegalStateException("failed to start a server replica", e);
            }
        });
        return servers;
    }

    private static NodeAgentConfiguration agentConfiguration(Path stateDir,
                                                             List<DropwizardTestSupport<BossServerConfiguration>> servers) {
        NodeAgentConfiguration configuration = new NodeAgentConfiguration();
        configuration.setNodeName("bench-node");
        configuration.setStateDir(stateDir.toString());
        configuration.setServers(httpAddresses(servers));
        configuration.getProviders().getNamespaced().setEnabled(false);
        SimpleServerFactory server = (SimpleServerFactory) configuration.getServerFactory();
        ((HttpConnectorFactory) server.getConnector()).setPort(0);
        quiet((DefaultLoggingFactory) configuration.getLoggingFactory());
        return configuration;
    }

    private static List<String> httpAddresses(List<DropwizardTestSupport<BossServerConfiguration>> servers) {
        return servers.get(0).getConfiguration().getPeers().stream().map(PeerConfig::getHttpAddress).toList();
    }

    private static void quiet(DefaultLoggingFactory logging) {
        logging.setLevel("WARN");
        logging.setLoggers(Map.of("io.boss.server.controller", TextNode.valueOf("INFO"),
                "org.apache.ratis", TextNode.valueOf("ERROR")));
    }

    private static void waitFor(String description, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (BossApiException e) {
                // The group may be electing a leader; the next poll tries again.
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("timed out after " + TIMEOUT + " waiting for " + description);
    }

    /**
     * Formats the CPU time this JVM (servers and agent) used since {@code cpuAtStart} and the
     * one-minute load average. On a shared host the wall time varies with the load, while the CPU
     * time per phase shows whether the work itself changed. The sandboxes' own processes are not
     * counted.
     */
    private static String cpuAndLoad(long cpuAtStart) {
        return String.format("JVM CPU %d ms, load %.1f on %d cores", cpuMillis() - cpuAtStart,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
    }

    private static long cpuMillis() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1_000_000;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static int intOption(String[] args, String name, int defaultValue) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return defaultValue;
    }
}
