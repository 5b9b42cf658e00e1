package io.boss.node.registration;

import io.boss.api.client.BossClient;
import io.boss.api.error.BossApiException;
import io.boss.api.error.ErrorReasons;
import io.boss.api.json.Serialization;
import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Conditions;
import io.boss.api.model.Node;
import io.boss.api.model.NodeStatus;
import io.boss.api.model.RuntimeCapabilities;
import io.boss.runtime.ProviderRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the agent's {@code Node} and keeps its status current: capacity, allocatable, the
 * providers' capabilities, the agent endpoint and {@code Ready=True}. The status is rewritten only
 * when the report changed or the refresh interval passed, so heartbeats do not write the Node.
 *
 * <p>Called from one thread at a time: the agent's start thread, then its status thread.
 */
public final class NodeRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistrar.class);
    private static final int MAX_CONFLICT_RETRIES = 5;

    private final BossClient client;
    private final String nodeName;
    private final ProviderRegistry providers;
    private final Map<String, String> allocatable;
    private final String agentEndpoint;
    private final String agentVersion;
    private final Duration refreshInterval;
    private final Clock clock;
    private RuntimeCapabilities lastReported;
    private Instant lastWritten = Instant.MIN;

    public NodeRegistrar(BossClient client, String nodeName, ProviderRegistry providers, Map<String, String> allocatable,
            String agentEndpoint, String agentVersion, Duration refreshInterval, Clock clock) {
        this.client = client;
        this.nodeName = nodeName;
        this.providers = providers;
        this.allocatable = Map.copyOf(allocatable);
        this.agentEndpoint = agentEndpoint;
        this.agentVersion = agentVersion;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
    }

    /** Creates the Node, or rewrites the status of the Node an earlier run left. */
    public void register() {
        RuntimeCapabilities capabilities = CapabilityReport.of(providers.capabilities());
        Optional<Node> existing = client.get(Node.class, null, nodeName);
        if (existing.isEmpty()) {
            Node node = new Node();
            node.getMetadata().setName(nodeName);
            try {
                Node created = client.create(node);
                writeStatus(created, capabilities);
                LOG.info("node registered node={} endpoint={} providers={}", nodeName, agentEndpoint,
                        providerSummary(capabilities));
                return;
            } catch (BossApiException e) {
                if (!e.is(ErrorReasons.ALREADY_EXISTS)) {
                    throw e;
                }
                // A create retried after a lost connection, or another agent with this name; update instead.
            }
        }
        writeStatus(client.get(Node.class, null, nodeName).orElseThrow(() -> new IllegalStateException(
                "node " + nodeName + " vanished during registration")), capabilities);
        LOG.info("node registered again node={} endpoint={} providers={}", nodeName, agentEndpoint,
                providerSummary(capabilities));
    }

    /** Rewrites the Node status when the providers' report changed or the refresh interval passed. */
    public void refresh() {
        RuntimeCapabilities capabilities = CapabilityReport.of(providers.capabilities());
        boolean changed = !capabilities.equals(lastReported);
        boolean due = !clock.instant().isBefore(lastWritten.plus(refreshInterval));
        if (!changed && !due) {
            return;
        }
        if (changed) {
            logChange(capabilities);
        }
        Node node = client.get(Node.class, null, nodeName).orElseThrow(() -> new IllegalStateException(
                "node " + nodeName + " was deleted; the agent registers it again"));
        writeStatus(node, capabilities);
    }

    /** Forgets what was written, so the next {@link #refresh} writes again; used after the Node vanished. */
    public void forget() {
        lastReported = null;
        lastWritten = Instant.MIN;
    }

    private void writeStatus(Node node, RuntimeCapabilities capabilities) {
        Node current = node;
        for (int attempt = 1; ; attempt++) {
            NodeStatus status = desiredStatus(current.getStatus(), capabilities);
            if (!status.equals(current.getStatus())) {
                Node update = Serialization.copy(current);
                update.setStatus(status);
                try {
                    client.updateStatus(update);
                } catch (BossApiException e) {
                    if (!e.is(ErrorReasons.CONFLICT) || attempt >= MAX_CONFLICT_RETRIES) {
                        throw e;
                    }
                    LOG.debug("node status write lost a race node={} attempt={}", nodeName, attempt);
                    current = client.get(Node.class, null, nodeName).orElseThrow();
                    continue;
                }
            }
            lastReported = capabilities;
            lastWritten = clock.instant();
            return;
        }
    }

    private NodeStatus desiredStatus(NodeStatus current, RuntimeCapabilities capabilities) {
        NodeStatus status = Serialization.copy(current == null ? new NodeStatus() : current);
        status.setCapacity(HostResources.capacity());
        status.setAllocatable(allocatable);
        status.setRuntimeCapabilities(capabilities);
        status.setAgentEndpoint(agentEndpoint);
        Condition ready = new Condition(ConditionTypes.READY, Condition.TRUE, "AgentReady",
                "boss-node " + agentVersion + " is running");
        Conditions.set(status.getConditions(), ready, clock.instant());
        return status;
    }

    /**
     * Logs a change of the providers or their health at INFO. A change of the cached artifacts
     * alone, which every first use of an artifact causes, goes to DEBUG.
     */
    private void logChange(RuntimeCapabilities capabilities) {
        String summary = providerSummary(capabilities);
        if (lastReported != null && summary.equals(providerSummary(lastReported))) {
            int cached = capabilities.getProviders().stream().mapToInt(provider -> provider.getCachedArtifacts().size()).sum();
            LOG.debug("cached artifacts changed node={} cachedArtifacts={}", nodeName, cached);
            return;
        }
        LOG.info("provider capabilities changed node={} providers={}", nodeName, summary);
    }

    private static String providerSummary(RuntimeCapabilities capabilities) {
        StringBuilder summary = new StringBuilder();
        capabilities.getProviders().forEach(provider -> summary.append(summary.isEmpty() ? "" : ",")
                .append(provider.getName()).append(provider.isHealthy() ? "(healthy)" : "(unhealthy: "
                        + provider.getReason() + ")"));
        return summary.toString();
    }
}
