package io.boss.server.security;

import io.boss.api.model.ClusterRole;
import io.boss.api.model.ClusterRoleBinding;
import io.boss.api.model.PolicyRule;
import io.boss.api.model.Role;
import io.boss.api.model.RoleBinding;
import io.boss.api.model.RoleBindingSpec;
import io.boss.api.model.RoleRef;
import io.boss.api.model.RoleSpec;
import io.boss.api.model.Subject;

import java.util.Optional;

/**
 * Role-based access control as in Kubernetes RBAC: a request is allowed when some binding that
 * applies to it names the user or one of its groups and grants a role with a rule that covers the
 * request's verb and resource. Built-in bindings and ClusterRoleBindings apply everywhere; a
 * RoleBinding applies only to requests in its own namespace. There are no deny rules.
 *
 * <p>Thread-safe: reads the {@link SecurityObjects} cache only.
 */
public final class Authorizer {

    private final SecurityObjects objects;

    public Authorizer(SecurityObjects objects) {
        this.objects = objects;
    }

    /** The outcome of a check, with the binding that allowed it or why nothing did. */
    public record Decision(boolean allowed, String reason) {
    }

    public Decision authorize(UserInfo user, RequestAttributes request) {
        for (var builtIn : BuiltInRoles.BINDINGS.entrySet()) {
            if (grants(builtIn.getValue(), null, user, request)) {
                return allowedBy(builtIn.getValue().getRoleRef(), builtIn.getKey());
            }
        }
        for (ClusterRoleBinding binding : objects.clusterRoleBindings()) {
            if (grants(binding.getSpec(), null, user, request)) {
                return allowedBy(binding.getSpec().getRoleRef(), "ClusterRoleBinding/" + binding.getMetadata().getName());
            }
        }
        if (request.namespace() != null) {
            for (RoleBinding binding : objects.roleBindings(request.namespace())) {
                if (grants(binding.getSpec(), request.namespace(), user, request)) {
                    return allowedBy(binding.getSpec().getRoleRef(), "RoleBinding/" + request.namespace() + "/"
                            + binding.getMetadata().getName());
                }
            }
        }
        return new Decision(false, "User \"" + user.name() + "\" cannot " + request.verb() + " "
                + request.describeTarget() + ": no role bound to the user or its groups " + user.groups()
                + " grants " + request.verb() + " on " + request.resource());
    }

    private boolean grants(RoleBindingSpec binding, String bindingNamespace, UserInfo user, RequestAttributes request) {
        if (binding == null || binding.getRoleRef() == null || !namesUser(binding, user)) {
            return false;
        }
        Optional<RoleSpec> role = resolve(binding.getRoleRef(), bindingNamespace);
        if (role.isEmpty()) {
            return false;
        }
        for (PolicyRule rule : role.get().getRules()) {
            if (rule != null && rule.grants(request.verb(), request.resource(), request.name())) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesUser(RoleBindingSpec binding, UserInfo user) {
        for (Subject subject : binding.getSubjects()) {
            if (subject == null) {
                continue;
            }
            if (Subject.USER.equals(subject.getKind()) && user.name().equals(subject.getName())) {
                return true;
            }
            if (Subject.GROUP.equals(subject.getKind()) && user.groups().contains(subject.getName())) {
                return true;
            }
        }
        return false;
    }

    private Optional<RoleSpec> resolve(RoleRef roleRef, String bindingNamespace) {
        if (RoleRef.CLUSTER_ROLE.equals(roleRef.getKind())) {
            RoleSpec builtIn = BuiltInRoles.ROLES.get(roleRef.getName());
            if (builtIn != null) {
                return Optional.of(builtIn);
            }
            return objects.clusterRole(roleRef.getName()).map(ClusterRole::getSpec);
        }
        if (RoleRef.ROLE.equals(roleRef.getKind()) && bindingNamespace != null) {
            return objects.role(bindingNamespace, roleRef.getName()).map(Role::getSpec);
        }
        return Optional.empty();
    }

    private static Decision allowedBy(RoleRef role, String binding) {
        return new Decision(true, "allowed by " + role + " through " + binding);
    }
}
