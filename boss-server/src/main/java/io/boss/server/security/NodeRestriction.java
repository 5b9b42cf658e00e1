package io.boss.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boss.api.ResourceKind;
import io.boss.api.selector.FieldSelector;
import io.boss.api.selector.InvalidSelectorException;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Narrows what a node agent ({@code system:node:<name>} in {@code system:nodes}) may do to its own
 * objects, after RBAC allowed the request, as the Kubernetes Node authorizer and NodeRestriction
 * admission do:
 * <ul>
 *   <li>pods: list and watch only with {@code fieldSelector=spec.nodeName=<self>}; get and update
 *       the status of a pod only when it is bound to this node; never create, update the spec or
 *       delete.
 *   <li>nodes: only the Node named after itself, never a list or watch of all nodes.
 *   <li>leases: only the Lease named after itself.
 *   <li>events: create and update only events whose {@code involvedObject} is its own Node or a
 *       pod bound to it. An update is judged by the body alone, so a node that has the name of
 *       another node's event could overwrite it with an event about its own objects.
 * </ul>
 * Thread-safe.
 */
public final class NodeRestriction {

    /** Looks up the node a pod is bound to; empty when the pod is unbound or does not exist. */
    @FunctionalInterface
    public interface PodBinding {
        Optional<String> nodeOf(String namespace, String name);
    }

    private final PodBinding pods;

    public NodeRestriction(PodBinding pods) {
        this.pods = pods;
    }

    /**
     * Returns why the request is rejected, or empty when the node may make it. {@code body}
     * supplies the decoded request body of a create, or null when there is none.
     */
    public Optional<String> check(String node, RequestAttributes request, Supplier<ObjectNode> body) {
        Optional<ResourceKind> kind = request.kind();
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        switch (kind.get()) {
            case POD:
                return checkPod(node, request);
            case NODE:
            case LEASE:
                return checkOwnObject(node, request, body);
            case EVENT:
                return checkEvent(node, request, body);
            default:
                return Optional.empty();
        }
    }

    private Optional<String> checkPod(String node, RequestAttributes request) {
        String verb = request.verb();
        if (verb.equals("list") || verb.equals("watch")) {
            return selectsOwnPods(node, request.fieldSelector()) ? Optional.empty()
                    : reject(node, request, "a node may " + verb + " pods only with fieldSelector=spec.nodeName=" + node);
        }
        boolean statusUpdate = verb.equals("update") && "status".equals(request.subresource());
        if (!verb.equals("get") && !statusUpdate) {
            return reject(node, request, "a node may only read its pods and update their status");
        }
        Optional<String> boundTo = pods.nodeOf(request.namespace(), request.name());
        if (boundTo.isPresent() && !boundTo.get().equals(node)) {
            return reject(node, request, "the pod is bound to another node");
        }
        if (boundTo.isEmpty() && statusUpdate) {
            return reject(node, request, "the pod is not bound to this node");
        }
        return Optional.empty();
    }

    private static Optional<String> checkOwnObject(String node, RequestAttributes request, Supplier<ObjectNode> body) {
        String name = request.name();
        if (name == null && request.verb().equals("create")) {
            ObjectNode object = body.get();
            name = object == null ? null : object.path("metadata").path("name").asText(null);
        }
        if (name == null) {
            return reject(node, request, "a node may only access the " + request.kind().get().kind()
                    + " named after itself, not " + request.verb() + " them all");
        }
        if (!name.equals(node)) {
            return reject(node, request, "a node may only access the " + request.kind().get().kind()
                    + " named \"" + node + "\"");
        }
        return Optional.empty();
    }

    private Optional<String> checkEvent(String node, RequestAttributes request, Supplier<ObjectNode> body) {
        String verb = request.verb();
        if (!verb.equals("create") && !verb.equals("update")) {
            return reject(node, request, "a node may only create and update events");
        }
        ObjectNode object = body.get();
        JsonNode involved = object == null ? null : object.path("involvedObject");
        String kind = involved == null ? null : involved.path("kind").asText(null);
        String name = involved == null ? null : involved.path("name").asText(null);
        if ("Node".equals(kind) && node.equals(name)) {
            return Optional.empty();
        }
        if ("Pod".equals(kind) && name != null) {
            String namespace = involved.path("namespace").asText(request.namespace());
            Optional<String> boundTo = pods.nodeOf(namespace, name);
            if (boundTo.isPresent() && boundTo.get().equals(node)) {
                return Optional.empty();
            }
        }
        return reject(node, request, "a node may only record events about its own Node \"" + node
                + "\" or a pod bound to it");
    }

    private static boolean selectsOwnPods(String node, String fieldSelector) {
        if (fieldSelector == null || fieldSelector.isBlank()) {
            return false;
        }
        try {
            FieldSelector selector = FieldSelector.parse(fieldSelector, ResourceKind.POD);
            return selector.requiredValue("spec.nodeName").map(node::equals).orElse(false);
        } catch (InvalidSelectorException e) {
            return false;
        }
    }

    private static Optional<String> reject(String node, RequestAttributes request, String reason) {
        return Optional.of("User \"" + UserInfo.NODE_PREFIX + node + "\" cannot " + request.verb() + " "
                + request.describeTarget() + ": " + reason);
    }
}
