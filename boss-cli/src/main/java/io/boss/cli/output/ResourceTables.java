package io.boss.cli.output;

import io.boss.api.ResourceKind;
import io.boss.api.model.Condition;
import io.boss.api.model.ConditionTypes;
import io.boss.api.model.Container;
import io.boss.api.model.Deployment;
import io.boss.api.model.Event;
import io.boss.api.model.LabelSelector;
import io.boss.api.model.LabelSelectorRequirement;
import io.boss.api.model.Lease;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.api.model.PodTemplateSpec;
import io.boss.api.model.ProviderStatus;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.Resource;
import io.boss.api.model.SandboxClass;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the {@code bossctl get} tables. Each kind has a fixed column list; {@code wide} adds
 * columns and {@code allNamespaces} puts a NAMESPACE column first for namespaced kinds.
 */
public final class ResourceTables {

    /** Annotation the scheduler writes with the sandbox class it resolved for a pod. */
    public static final String RESOLVED_CLASS_ANNOTATION = "boss.io/resolved-sandbox-class";
    /** Annotation the scheduler writes with the provider it selected for a pod. */
    public static final String SELECTED_PROVIDER_ANNOTATION = "boss.io/selected-provider";

    private final boolean wide;
    private final boolean allNamespaces;
    private final Instant now;

    public ResourceTables(boolean wide, boolean allNamespaces, Instant now) {
        this.wide = wide;
        this.allNamespaces = allNamespaces;
        this.now = now;
    }

    /** Returns the column headers for {@code kind}. */
    public List<String> headers(ResourceKind kind) {
        List<String> headers = new ArrayList<>();
        if (showNamespace(kind)) {
            headers.add("NAMESPACE");
        }
        switch (kind) {
            case POD:
                headers.addAll(wide
                        ? List.of("NAME", "PHASE", "NODE", "CLASS", "PROVIDER", "SANDBOX-ID", "SANDBOX-STATE", "AGE")
                        : List.of("NAME", "PHASE", "NODE", "AGE"));
                break;
            case NODE:
                headers.addAll(List.of("NAME", "STATUS", "PROVIDERS", "AGE"));
                if (wide) {
                    headers.add("ALLOCATABLE");
                }
                break;
            case DEPLOYMENT:
                headers.addAll(List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"));
                addTemplateHeaders(headers);
                break;
            case REPLICA_SET:
                headers.addAll(List.of("NAME", "DESIRED", "CURRENT", "READY", "AGE"));
                addTemplateHeaders(headers);
                break;
            case LEASE:
                headers.addAll(List.of("NAME", "HOLDER", "AGE"));
                break;
            case EVENT:
                headers.addAll(EventTables.LIST_HEADERS);
                break;
            default:
                headers.addAll(List.of("NAME", "AGE"));
                break;
        }
        return headers;
    }

    /** Builds a table of {@code items}, all of kind {@code kind}; events are listed oldest first. */
    public Table table(ResourceKind kind, List<? extends Resource> items) {
        Table table = new Table(headers(kind));
        List<? extends Resource> ordered = items;
        if (kind == ResourceKind.EVENT) {
            ordered = EventTables.oldestFirst(items.stream().map(Event.class::cast).toList());
        }
        for (Resource item : ordered) {
            table.addRow(row(item));
        }
        return table;
    }

    /** Returns the cells of one object, in the order of {@link #headers}. */
    public List<String> row(Resource item) {
        ResourceKind kind = item.resourceKind();
        List<String> cells = new ArrayList<>();
        if (showNamespace(kind)) {
            cells.add(item.getMetadata().getNamespace());
        }
        if (kind == ResourceKind.EVENT) {
            EventTables.addListCells(cells, (Event) item, now);
            return cells;
        }
        cells.add(item.getMetadata().getName());
        switch (kind) {
            case POD:
                addPodCells(cells, (Pod) item);
                break;
            case NODE:
                addNodeCells(cells, (Node) item);
                break;
            case DEPLOYMENT:
                addDeploymentCells(cells, (Deployment) item);
                break;
            case REPLICA_SET:
                addReplicaSetCells(cells, (ReplicaSet) item);
                break;
            case LEASE:
                cells.add(((Lease) item).getSpec().getHolderIdentity());
                cells.add(age(item));
                break;
            default:
                cells.add(age(item));
                break;
        }
        return cells;
    }

    private boolean showNamespace(ResourceKind kind) {
        return allNamespaces && kind.namespaced();
    }

    private void addTemplateHeaders(List<String> headers) {
        if (wide) {
            headers.addAll(List.of("CONTAINERS", "IMAGES", "SELECTOR"));
        }
    }

    private void addPodCells(List<String> cells, Pod pod) {
        cells.add(podPhase(pod));
        cells.add(pod.getSpec().getNodeName());
        if (wide) {
            cells.add(sandboxClass(pod));
            cells.add(provider(pod));
            cells.add(pod.getStatus().getSandboxId());
            cells.add(pod.getStatus().getSandboxState());
        }
        cells.add(age(pod));
    }

    private void addNodeCells(List<String> cells, Node node) {
        cells.add(nodeStatus(node));
        cells.add(providers(node));
        cells.add(age(node));
        if (wide) {
            cells.add(joinMap(node.getStatus().getAllocatable()));
        }
    }

    private void addDeploymentCells(List<String> cells, Deployment deployment) {
        cells.add(deployment.getStatus().getReadyReplicas() + "/" + deployment.getSpec().desiredReplicas());
        cells.add(String.valueOf(deployment.getStatus().getUpdatedReplicas()));
        cells.add(String.valueOf(deployment.getStatus().getAvailableReplicas()));
        cells.add(age(deployment));
        addTemplateCells(cells, deployment.getSpec().getTemplate(), deployment.getSpec().getSelector());
    }

    private void addReplicaSetCells(List<String> cells, ReplicaSet replicaSet) {
        cells.add(String.valueOf(replicaSet.getSpec().desiredReplicas()));
        cells.add(String.valueOf(replicaSet.getStatus().getReplicas()));
        cells.add(String.valueOf(replicaSet.getStatus().getReadyReplicas()));
        cells.add(age(replicaSet));
        addTemplateCells(cells, replicaSet.getSpec().getTemplate(), replicaSet.getSpec().getSelector());
    }

    private void addTemplateCells(List<String> cells, PodTemplateSpec template, LabelSelector selector) {
        if (!wide) {
            return;
        }
        List<Container> containers = template == null ? List.of() : template.getSpec().getContainers();
        cells.add(containers.stream().map(Container::getName).collect(Collectors.joining(",")));
        cells.add(containers.stream()
                .map(container -> container.getImage() != null ? container.getImage() : String.join(" ", container.getCommand()))
                .collect(Collectors.joining(",")));
        cells.add(selectorText(selector));
    }

    private String age(Resource item) {
        return Ages.between(item.getMetadata().getCreationTimestamp(), now);
    }

    /** Returns the phase, or {@code Terminating} for a pod that is being deleted, as kubectl shows. */
    static String podPhase(Pod pod) {
        String phase = pod.getStatus().getPhase();
        boolean terminal = pod.getStatus().resolvedPhase() != null && pod.getStatus().resolvedPhase().isTerminal();
        if (pod.getMetadata().getDeletionTimestamp() != null && !terminal) {
            return "Terminating";
        }
        return phase;
    }

    /** Returns the class the scheduler resolved, else the class the spec asks for. */
    static String sandboxClass(Pod pod) {
        String resolved = pod.getMetadata().getAnnotations().get(RESOLVED_CLASS_ANNOTATION);
        if (resolved != null) {
            return resolved;
        }
        SandboxClass requested = pod.getSpec().resolvedSandboxClass();
        return requested == null ? pod.getSpec().getSandboxClass() : requested.wireName();
    }

    /** Returns the provider that runs the pod, else the one the scheduler selected. */
    static String provider(Pod pod) {
        String running = pod.getStatus().getProvider();
        if (running != null) {
            return running;
        }
        return pod.getMetadata().getAnnotations().get(SELECTED_PROVIDER_ANNOTATION);
    }

    /** Returns Ready or NotReady from the Ready condition, with SchedulingDisabled when cordoned. */
    static String nodeStatus(Node node) {
        String status = "Unknown";
        for (Condition condition : node.getStatus().getConditions()) {
            if (ConditionTypes.READY.equals(condition.getType())) {
                status = condition.isTrue() ? "Ready" : "NotReady";
            }
        }
        if (node.getSpec().isUnschedulable()) {
            status += ",SchedulingDisabled";
        }
        return status;
    }

    private String providers(Node node) {
        if (node.getStatus().getRuntimeCapabilities() == null) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (ProviderStatus provider : node.getStatus().getRuntimeCapabilities().getProviders()) {
            if (wide) {
                names.add(provider.getName() + "=" + (provider.isHealthy() ? "healthy" : "unhealthy"));
            } else if (provider.isHealthy()) {
                names.add(provider.getName());
            }
        }
        return String.join(",", names);
    }

    /** Formats a selector as kubectl's {@code -l} syntax. */
    static String selectorText(LabelSelector selector) {
        if (selector == null) {
            return "";
        }
        List<String> terms = new ArrayList<>();
        selector.getMatchLabels().forEach((key, value) -> terms.add(key + "=" + value));
        for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
            terms.add(requirementText(requirement));
        }
        return String.join(",", terms);
    }

    private static String requirementText(LabelSelectorRequirement requirement) {
        String key = requirement.getKey();
        switch (String.valueOf(requirement.getOperator())) {
            case "Exists":
                return key;
            case "DoesNotExist":
                return "!" + key;
            case "NotIn":
                return key + " notin (" + String.join(",", requirement.getValues()) + ")";
            default:
                return key + " in (" + String.join(",", requirement.getValues()) + ")";
        }
    }

    static String joinMap(Map<String, String> values) {
        return values.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(","));
    }
}
