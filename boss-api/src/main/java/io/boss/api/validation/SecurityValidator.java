package io.boss.api.validation;

import io.boss.api.model.IsolationLevel;
import io.boss.api.model.IsolationPolicySpec;
import io.boss.api.model.PolicyRule;
import io.boss.api.model.RoleBindingSpec;
import io.boss.api.model.RoleRef;
import io.boss.api.model.RoleSpec;
import io.boss.api.model.SandboxClass;
import io.boss.api.model.Subject;
import java.util.Arrays;
import java.util.List;

/** Field rules of the access-control kinds (roles and their bindings) and of isolation policies. */
final class SecurityValidator {

    /** The verbs a {@link PolicyRule} may name. */
    static final List<String> VERBS = List.of("get", "list", "watch", "create", "update", "delete", PolicyRule.ALL);

    private SecurityValidator() {
    }

    static void validateRoleSpec(RoleSpec spec, Problems problems) {
        if (spec == null) {
            problems.add("spec", "is required");
            return;
        }
        for (int i = 0; i < spec.getRules().size(); i++) {
            PolicyRule rule = spec.getRules().get(i);
            String path = "spec.rules[" + i + "]";
            if (rule == null) {
                problems.add(path, "must not be null");
                continue;
            }
            if (rule.getVerbs().isEmpty()) {
                problems.add(path + ".verbs", "must name at least one verb, such as get or *");
            }
            for (String verb : rule.getVerbs()) {
                problems.oneOf(path + ".verbs", verb, VERBS);
            }
            if (rule.getResources().isEmpty()) {
                problems.add(path + ".resources", "must name at least one resource, such as pods, pods/status or *");
            }
        }
    }

    /** Checks a binding; {@code clusterWide} bindings may grant only a ClusterRole. */
    static void validateBindingSpec(RoleBindingSpec spec, boolean clusterWide, Problems problems) {
        if (spec == null) {
            problems.add("spec", "is required");
            return;
        }
        RoleRef roleRef = spec.getRoleRef();
        if (roleRef == null) {
            problems.add("spec.roleRef", "is required");
        } else {
            List<String> kinds = clusterWide ? List.of(RoleRef.CLUSTER_ROLE) : List.of(RoleRef.ROLE, RoleRef.CLUSTER_ROLE);
            problems.required("spec.roleRef.kind", roleRef.getKind());
            problems.oneOf("spec.roleRef.kind", roleRef.getKind(), kinds);
            problems.required("spec.roleRef.name", roleRef.getName());
        }
        if (spec.getSubjects().isEmpty()) {
            problems.add("spec.subjects", "must name at least one User or Group");
        }
        for (int i = 0; i < spec.getSubjects().size(); i++) {
            Subject subject = spec.getSubjects().get(i);
            String path = "spec.subjects[" + i + "]";
            if (subject == null) {
                problems.add(path, "must not be null");
                continue;
            }
            problems.required(path + ".kind", subject.getKind());
            problems.oneOf(path + ".kind", subject.getKind(), List.of(Subject.USER, Subject.GROUP));
            problems.required(path + ".name", subject.getName());
        }
    }

    static void validateIsolationPolicySpec(IsolationPolicySpec spec, Problems problems) {
        if (spec == null) {
            problems.add("spec", "is required");
            return;
        }
        for (String name : spec.getAllowedSandboxClasses()) {
            if (SandboxClass.fromName(name) == null) {
                problems.add("spec.allowedSandboxClasses", "unsupported value \"" + name + "\": expected one of "
                        + String.join(", ", SandboxClass.acceptedNames()));
            }
        }
        String minIsolation = spec.getMinIsolation();
        if (minIsolation != null && !minIsolation.isEmpty() && IsolationLevel.fromWireName(minIsolation) == null) {
            problems.add("spec.minIsolation", "unsupported value \"" + minIsolation + "\": expected one of "
                    + String.join(", ", Arrays.stream(IsolationLevel.values()).map(IsolationLevel::wireName).toList()));
        }
    }
}
