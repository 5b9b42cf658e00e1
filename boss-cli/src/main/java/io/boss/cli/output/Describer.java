package io.boss.cli.output;

import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Container;
import io.boss.api.model.Deployment;
import io.boss.api.model.DeploymentStatus;
import io.boss.api.model.Event;
import io.boss.api.model.Lease;
import io.boss.api.model.Node;
import io.boss.api.model.ObjectMeta;
import io.boss.api.model.OwnerReference;
import io.boss.api.model.Pod;
import io.boss.api.model.PodPhase;
import io.boss.api.model.PodStatus;
import io.boss.api.model.PodTemplateSpec;
import io.boss.api.model.ProviderStatus;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Renders {@code bossctl describe}: the object's key fields, its status and conditions, and for
 * a pod a sentence saying why it waits, runs or failed, built from the PodScheduled and
 * SandboxReady conditions and {@code status.reason}/{@code status.message}. Given the object's
 * events, it ends with an {@code Events:} table, oldest first.
 */
public final class Describer {

    private final Instant now;
    private final Lease nodeLease;

    public Describer(Instant now) {
        this(now, null);
    }

    private Describer(Instant now, Lease nodeLease) {
        this.now = now;
        this.nodeLease = nodeLease;
    }

    /**
     * Returns a describer that shows the renew time of {@code lease}, the node agent's heartbeat,
     * as a node's last heartbeat. Without it, the node's own {@code lastHeartbeatTime} is shown.
     */
    public Describer withNodeLease(Lease lease) {
        return new Describer(now, lease);
    }

    /** Returns the description of {@code item} as lines of text ending in a newline. */
    public String describe(Resource item) {
        return build(item).toString();
    }

    /** Returns the description of {@code item} followed by an Events table of {@code events}. */
    public String describe(Resource item, List<Event> events) {
        DescriptionBuilder out = build(item);
        describeEvents(out, events);
        return out.toString();
    }

    /**
     * Returns the description of {@code item} followed by a line saying why its events could not
     * be read, such as a 403 for a user who may not list events.
     */
    public String describeWithoutEvents(Resource item, String problem) {
        DescriptionBuilder out = build(item);
        out.field("Events", "<unavailable: " + problem + ">");
        return out.toString();
    }

    private DescriptionBuilder build(Resource item) {
        DescriptionBuilder out = new DescriptionBuilder();
        describeMetadata(out, item);
        if (item instanceof Pod) {
            describePod(out, (Pod) item);
        } else if (item instanceof Node) {
            describeNode(out, (Node) item);
        } else if (item instanceof Deployment) {
            describeDeployment(out, (Deployment) item);
        } else if (item instanceof ReplicaSet) {
            describeReplicaSet(out, (ReplicaSet) item);
        } else if (item instanceof Lease) {
            describeLease(out, (Lease) item);
        }
        return out;
    }

    private void describeEvents(DescriptionBuilder out, List<Event> events) {
        if (events.isEmpty()) {
            out.field("Events", null);
            return;
        }
        out.section("Events");
        Table table = EventTables.describeTable(events, now);
        int[] widths = table.columnWidths();
        out.line("  " + Table.formatLine(table.headers(), widths));
        for (List<String> row : table.rows()) {
            out.line("  " + Table.formatLine(row, widths));
        }
    }

    private void describeMetadata(DescriptionBuilder out, Resource item) {
        ObjectMeta metadata = item.getMetadata();
        out.field("Name", metadata.getName());
        if (item.resourceKind().namespaced()) {
            out.field("Namespace", metadata.getNamespace());
        }
        out.field("Kind", item.getKind());
        out.field("Labels", ResourceTables.joinMap(metadata.getLabels()));
        out.field("Annotations", ResourceTables.joinMap(metadata.getAnnotations()));
        out.field("Created", timestamp(metadata.getCreationTimestamp()));
        if (metadata.getDeletionTimestamp() != null) {
            out.field("Deleting since", timestamp(metadata.getDeletionTimestamp()));
        }
        out.field("Resource Version", metadata.getResourceVersion());
        out.field("Generation", String.valueOf(metadata.getGeneration()));
        for (OwnerReference owner : metadata.getOwnerReferences()) {
            out.field("Controlled By", owner.getKind() + "/" + owner.getName());
        }
    }

    private void describePod(DescriptionBuilder out, Pod pod) {
        PodStatus status = pod.getStatus();
        out.field("Node", pod.getSpec().getNodeName());
        out.field("Sandbox Class", ResourceTables.sandboxClass(pod));
        if (pod.getSpec().getSandbox() != null && pod.getSpec().getSandbox().getIsolation() != null) {
            out.field("Isolation", pod.getSpec().getSandbox().getIsolation());
        }
        out.field("Provider", ResourceTables.provider(pod));
        out.field("Sandbox ID", status.getSandboxId());
        out.field("Sandbox State", status.getSandboxState());
        out.field("Restart Policy", pod.getSpec().getRestartPolicy());
        out.field("Phase", ResourceTables.podPhase(pod));
        out.field("Reason", status.getReason());
        out.field("Message", status.getMessage());
        out.field("Started", timestamp(status.getStartTime()));
        out.field("Finished", timestamp(status.getFinishTime()));
        if (status.getExitCode() != null) {
            out.field("Exit Code", String.valueOf(status.getExitCode()));
        }
        out.field("Restart Count", String.valueOf(status.getRestartCount()));
        describeContainers(out, pod.getSpec().getContainers());
        describeConditions(out, status.getConditions());
        out.field("Explanation", explain(pod));
    }

    /** Returns one sentence on why the pod is in its phase, from its conditions and status. */
    public static String explain(Pod pod) {
        PodStatus status = pod.getStatus();
        PodPhase phase = status.resolvedPhase();
        String nodeName = pod.getSpec().getNodeName();
        Optional<Condition> scheduled = condition(status.getConditions(), ConditionTypes.POD_SCHEDULED);
        Optional<Condition> sandboxReady = condition(status.getConditions(), ConditionTypes.SANDBOX_READY);

        if (phase == PodPhase.FAILED) {
            return "failed" + because(status.getReason(), status.getMessage(), sandboxReady);
        }
        if (phase == PodPhase.SUCCEEDED) {
            return "the sandbox exited with code " + status.getExitCode();
        }
        if (phase == PodPhase.RUNNING) {
            return "running in sandbox " + status.getSandboxId() + " on node " + nodeName
                    + " (provider " + ResourceTables.provider(pod) + ")";
        }
        if (nodeName == null || nodeName.isEmpty()) {
            if (scheduled.isPresent() && !scheduled.get().isTrue()) {
                return "waiting to be scheduled" + because(null, null, scheduled);
            }
            return "waiting for the scheduler to place it on a node";
        }
        if (sandboxReady.isPresent() && !sandboxReady.get().isTrue()) {
            return "bound to node " + nodeName + ", sandbox not ready" + because(status.getReason(), status.getMessage(), sandboxReady);
        }
        return "bound to node " + nodeName + ", waiting for its agent to start the sandbox";
    }

    private static String because(String reason, String message, Optional<Condition> condition) {
        String effectiveReason = reason != null ? reason : condition.map(Condition::getReason).orElse(null);
        String effectiveMessage = message != null ? message : condition.map(Condition::getMessage).orElse(null);
        if (effectiveReason == null && effectiveMessage == null) {
            return "";
        }
        if (effectiveMessage == null) {
            return ": " + effectiveReason;
        }
        if (effectiveReason == null) {
            return ": " + effectiveMessage;
        }
        return ": " + effectiveReason + ": " + effectiveMessage;
    }

    private void describeNode(DescriptionBuilder out, Node node) {
        out.field("Status", ResourceTables.nodeStatus(node));
        out.field("Agent Endpoint", node.getStatus().getAgentEndpoint());
        out.field("Last Heartbeat", timestamp(lastHeartbeat(node)));
        out.field("Allocatable", ResourceTables.joinMap(node.getStatus().getAllocatable()));
        out.field("Capacity", ResourceTables.joinMap(node.getStatus().getCapacity()));
        out.section("Providers");
        List<ProviderStatus> providers = node.getStatus().getRuntimeCapabilities() == null
                ? List.of() : node.getStatus().getRuntimeCapabilities().getProviders();
        if (providers.isEmpty()) {
            out.line("  <none>");
        }
        for (ProviderStatus provider : providers) {
            String health = provider.isHealthy() ? "healthy" : "unhealthy";
            String reason = provider.getReason() == null ? "" : ": " + provider.getReason();
            out.line("  " + provider.getName() + " (" + health + reason + ")");
            out.line("    Version:          " + orNone(provider.getVersion()));
            out.line("    Classes:          " + orNone(String.join(",", provider.getClasses())));
            out.line("    Artifact Types:   " + orNone(String.join(",", provider.getArtifactTypes())));
            out.line("    Isolation Levels: " + orNone(String.join(",", provider.getIsolationLevels())));
            out.line("    Network Modes:    " + orNone(String.join(",", provider.getNetworkModes())));
            out.line("    Capacity:         " + (provider.getCapacity() == null ? "unbounded" : provider.getCapacity()));
        }
        describeConditions(out, node.getStatus().getConditions());
    }

    private void describeDeployment(DescriptionBuilder out, Deployment deployment) {
        DeploymentStatus status = deployment.getStatus();
        out.field("Selector", ResourceTables.selectorText(deployment.getSpec().getSelector()));
        out.field("Replicas", deployment.getSpec().desiredReplicas() + " desired | "
                + status.getUpdatedReplicas() + " updated | " + status.getReplicas() + " total | "
                + status.getAvailableReplicas() + " available | " + status.getUnavailableReplicas() + " unavailable");
        out.field("Strategy", deployment.getSpec().getStrategy() == null ? "RollingUpdate" : deployment.getSpec().getStrategy().getType());
        out.field("Paused", String.valueOf(deployment.getSpec().isPaused()));
        out.field("Observed Generation", String.valueOf(status.getObservedGeneration()));
        describeTemplate(out, deployment.getSpec().getTemplate());
        describeConditions(out, status.getConditions());
    }

    private void describeReplicaSet(DescriptionBuilder out, ReplicaSet replicaSet) {
        out.field("Selector", ResourceTables.selectorText(replicaSet.getSpec().getSelector()));
        out.field("Replicas", replicaSet.getStatus().getReplicas() + " current / " + replicaSet.getSpec().desiredReplicas() + " desired");
        out.field("Ready", String.valueOf(replicaSet.getStatus().getReadyReplicas()));
        out.field("Available", String.valueOf(replicaSet.getStatus().getAvailableReplicas()));
        out.field("Observed Generation", String.valueOf(replicaSet.getStatus().getObservedGeneration()));
        describeTemplate(out, replicaSet.getSpec().getTemplate());
        describeConditions(out, replicaSet.getStatus().getConditions());
    }

    private Instant lastHeartbeat(Node node) {
        boolean ownLease = nodeLease != null && node.getMetadata().getName().equals(nodeLease.getMetadata().getName());
        if (ownLease && nodeLease.getSpec().getRenewTime() != null) {
            return nodeLease.getSpec().getRenewTime();
        }
        return node.getStatus().getLastHeartbeatTime();
    }

    private void describeLease(DescriptionBuilder out, Lease lease) {
        out.field("Holder", lease.getSpec().getHolderIdentity());
        out.field("Duration Seconds", lease.getSpec().getLeaseDurationSeconds() == null ? null : String.valueOf(lease.getSpec().getLeaseDurationSeconds()));
        out.field("Acquired", timestamp(lease.getSpec().getAcquireTime()));
        out.field("Renewed", timestamp(lease.getSpec().getRenewTime()));
        out.field("Transitions", lease.getSpec().getLeaseTransitions() == null ? null : String.valueOf(lease.getSpec().getLeaseTransitions()));
    }

    private void describeTemplate(DescriptionBuilder out, PodTemplateSpec template) {
        if (template == null) {
            return;
        }
        out.section("Pod Template");
        out.line("  Labels: " + orNone(ResourceTables.joinMap(template.getMetadata().getLabels())));
        out.line("  Sandbox Class: " + orNone(template.getSpec().getSandboxClass()));
        describeContainers(out, template.getSpec().getContainers());
    }

    private void describeContainers(DescriptionBuilder out, List<Container> containers) {
        out.section("Containers");
        if (containers.isEmpty()) {
            out.line("  <none>");
        }
        for (Container container : containers) {
            out.line("  " + container.getName() + ":");
            if (container.getImage() != null) {
                out.line("    Image:   " + container.getImage());
            }
            if (!container.getCommand().isEmpty()) {
                out.line("    Command: " + String.join(" ", container.getCommand()));
            }
            if (!container.getArgs().isEmpty()) {
                out.line("    Args:    " + String.join(" ", container.getArgs()));
            }
        }
    }

    private void describeConditions(DescriptionBuilder out, List<Condition> conditions) {
        out.section("Conditions");
        if (conditions.isEmpty()) {
            out.line("  <none>");
            return;
        }
        Table table = new Table("TYPE", "STATUS", "REASON", "MESSAGE", "AGE");
        for (Condition condition : conditions) {
            String age = condition.getLastTransitionTime() == null ? "" : Ages.between(condition.getLastTransitionTime(), now);
            table.addRow(List.of(nullToEmpty(condition.getType()), nullToEmpty(condition.getStatus()),
                    nullToEmpty(condition.getReason()), nullToEmpty(condition.getMessage()), age));
        }
        int[] widths = table.columnWidths();
        out.line("  " + Table.formatLine(table.headers(), widths));
        for (List<String> row : table.rows()) {
            out.line("  " + Table.formatLine(row, widths));
        }
    }

    private static Optional<Condition> condition(List<Condition> conditions, String type) {
        return conditions.stream().filter(condition -> type.equals(condition.getType())).findFirst();
    }

    private String timestamp(Instant time) {
        if (time == null) {
            return null;
        }
        return time + " (" + Ages.between(time, now) + " ago)";
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? "<none>" : value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Collects {@code Label: value} lines with the values aligned, then free-form sections. */
    private static final class DescriptionBuilder {
        private static final int LABEL_WIDTH = 20;
        private final List<String> lines = new ArrayList<>();

        void field(String label, String value) {
            String padded = label + ":" + " ".repeat(Math.max(1, LABEL_WIDTH - label.length() - 1));
            lines.add(padded + orNone(value));
        }

        void section(String title) {
            lines.add(title + ":");
        }

        void line(String text) {
            lines.add(text);
        }

        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                text.append(line).append(System.lineSeparator());
            }
            return text.toString();
        }
    }
}
