package io.boss.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.boss.api.model.ClusterRoleBinding;
import io.boss.api.model.IsolationPolicy;
import io.boss.api.model.PolicyRule;
import io.boss.api.model.Role;
import io.boss.api.model.RoleBinding;
import io.boss.api.model.RoleBindingSpec;
import io.boss.api.model.RoleRef;
import io.boss.api.model.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field rules of roles, bindings and isolation policies. */
class SecurityValidatorTest {

    @Test
    void roleWithBadRuleIsInvalid() {
        Role role = new Role("team", "reader");
        role.getSpec().getRules().add(new PolicyRule(List.of("read"), List.of()));

        List<String> paths = paths(ResourceValidator.validate(role));

        assertEquals(List.of("spec.rules[0].verbs", "spec.rules[0].resources"), paths);
    }

    @Test
    void validRoleBindingPasses() {
        RoleBinding binding = new RoleBinding("team", "edit");
        binding.setSpec(new RoleBindingSpec(new RoleRef(RoleRef.CLUSTER_ROLE, "edit"),
                List.of(new Subject(Subject.GROUP, "developers"))));

        assertEquals(List.of(), ResourceValidator.validate(binding));
    }

    @Test
    void clusterBindingMayNotNameNamespacedRole() {
        ClusterRoleBinding binding = new ClusterRoleBinding(null, "everyone");
        binding.setSpec(new RoleBindingSpec(new RoleRef(RoleRef.ROLE, "reader"),
                List.of(new Subject("Robot", "r2d2"))));

        List<String> paths = paths(ResourceValidator.validate(binding));

        assertEquals(List.of("spec.roleRef.kind", "spec.subjects[0].kind"), paths);
    }

    @Test
    void policyWithUnknownClassAndLevelIsInvalid() {
        IsolationPolicy policy = new IsolationPolicy("team", "strict");
        policy.getSpec().setAllowedSandboxClasses(List.of("wasm", "jail"));
        policy.getSpec().setMinIsolation("airGapped");

        List<String> paths = paths(ResourceValidator.validate(policy));

        assertEquals(List.of("spec.allowedSandboxClasses", "spec.minIsolation"), paths);
    }

    private static List<String> paths(List<FieldError> errors) {
        return errors.stream().map(FieldError::path).toList();
    }
}
