package io.boss.server.security;

import io.boss.api.model.PolicyRule;
import io.boss.api.model.RoleBindingSpec;
import io.boss.api.model.RoleRef;
import io.boss.api.model.RoleSpec;
import io.boss.api.model.Subject;

import java.util.List;
import java.util.Map;

/**
 * The ClusterRoles every replica defines in code, and the two bindings it always applies. They are
 * not stored, so a ClusterRole with one of these names cannot be created.
 *
 * <ul>
 *   <li>{@code admin}: every verb on every resource, including roles, bindings and isolation policies.
 *   <li>{@code edit}: every verb on workloads (pods, deployments, replicasets, leases) and events,
 *       read access to everything else; no writes to roles, bindings, isolation policies or nodes.
 *   <li>{@code view}: get, list and watch on every resource.
 *   <li>{@code node}: what a node agent needs, including creating and updating events, further
 *       narrowed to its own objects by {@link NodeRestriction}.
 * </ul>
 * Group {@code system:masters} is bound to {@code admin} and group {@code system:nodes} to
 * {@code node}, in every namespace.
 */
public final class BuiltInRoles {

    public static final String ADMIN = "admin";
    public static final String EDIT = "edit";
    public static final String VIEW = "view";
    public static final String NODE = "node";

    private static final List<String> READ = List.of("get", "list", "watch");
    private static final List<String> WORKLOADS = List.of("pods", "pods/status", "pods/log", "deployments",
            "deployments/status", "replicasets", "replicasets/status", "leases", "events");

    /** The built-in roles by name. */
    public static final Map<String, RoleSpec> ROLES = Map.of(
            ADMIN, new RoleSpec(List.of(new PolicyRule(List.of(PolicyRule.ALL), List.of(PolicyRule.ALL)))),
            EDIT, new RoleSpec(List.of(
                    new PolicyRule(List.of(PolicyRule.ALL), WORKLOADS),
                    new PolicyRule(READ, List.of(PolicyRule.ALL)))),
            VIEW, new RoleSpec(List.of(new PolicyRule(READ, List.of(PolicyRule.ALL)))),
            NODE, new RoleSpec(List.of(
                    new PolicyRule(READ, List.of("pods")),
                    new PolicyRule(List.of("get", "update"), List.of("pods/status")),
                    new PolicyRule(List.of("get", "create", "update"), List.of("nodes", "nodes/status", "leases")),
                    new PolicyRule(List.of("create", "update"), List.of("events")),
                    new PolicyRule(List.of("get"), List.of("cluster")))));

    /** The bindings that always apply, cluster-wide, keyed by a name for messages. */
    public static final Map<String, RoleBindingSpec> BINDINGS = Map.of(
            "built-in:" + UserInfo.MASTERS, new RoleBindingSpec(new RoleRef(RoleRef.CLUSTER_ROLE, ADMIN),
                    List.of(new Subject(Subject.GROUP, UserInfo.MASTERS))),
            "built-in:" + UserInfo.NODES, new RoleBindingSpec(new RoleRef(RoleRef.CLUSTER_ROLE, NODE),
                    List.of(new Subject(Subject.GROUP, UserInfo.NODES))));

    private BuiltInRoles() {
    }
}
