package io.boss.api.validation;

import io.boss.api.model.LabelSelector;
import io.boss.api.model.LabelSelectorRequirement;
import io.boss.api.model.PodTemplateSpec;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.ReplicaSetSpec;
import io.boss.api.model.RestartPolicy;
import io.boss.api.selector.InvalidSelectorException;
import java.util.List;
import java.util.Map;

/** Validates what ReplicaSets and Deployments share: replicas, selector and pod template. */
final class WorkloadValidator {

    private WorkloadValidator() {
    }

    static void validateReplicaSet(ReplicaSet replicaSet, Problems problems) {
        ReplicaSetSpec spec = replicaSet.getSpec();
        if (spec == null) {
            problems.add("spec", "is required");
            return;
        }
        validateWorkload(spec.getReplicas(), spec.getSelector(), spec.getTemplate(), spec.getMinReadySeconds(), problems);
        if (replicaSet.getStatus() != null) {
            PodSpecValidator.validateConditions(replicaSet.getStatus().getConditions(), "status.conditions", problems);
        }
    }

    static void validateWorkload(Integer replicas, LabelSelector selector, PodTemplateSpec template,
                                 int minReadySeconds, Problems problems) {
        problems.nonNegative("spec.replicas", replicas);
        problems.nonNegative("spec.minReadySeconds", minReadySeconds);
        boolean selectorValid = validateSelector(selector, problems);

        if (template == null) {
            problems.add("spec.template", "is required");
            return;
        }
        Map<String, String> templateLabels = template.getMetadata() == null ? Map.of() : template.getMetadata().getLabels();
        int before = problems.errors().size();
        ResourceValidator.validateLabels(templateLabels, "spec.template.metadata.labels", problems);
        boolean labelsValid = problems.errors().size() == before;
        if (template.getSpec() == null) {
            problems.add("spec.template.spec", "is required");
        } else {
            PodSpecValidator.validateSpec(template.getSpec(), "spec.template.spec", problems);
            String restartPolicy = template.getSpec().getRestartPolicy();
            if (template.getSpec().resolvedRestartPolicy() != RestartPolicy.ALWAYS && restartPolicy != null) {
                problems.add("spec.template.spec.restartPolicy", "unsupported value \"" + restartPolicy
                        + "\": pods of a ReplicaSet or Deployment must use Always");
            }
        }

        if (selectorValid && labelsValid) {
            io.boss.api.selector.LabelSelector matcher = io.boss.api.selector.LabelSelector.of(selector);
            if (!matcher.matches(templateLabels)) {
                problems.add("spec.template.metadata.labels", "do not match spec.selector \"" + matcher
                        + "\", so the controller would never see the pods it creates");
            }
        }
    }

    /** Reports problems with a workload selector; returns true when it is usable for matching. */
    private static boolean validateSelector(LabelSelector selector, Problems problems) {
        if (selector == null || (selector.getMatchLabels().isEmpty() && selector.getMatchExpressions().isEmpty())) {
            problems.add("spec.selector", "is required and must have matchLabels or matchExpressions");
            return false;
        }

        int before = problems.errors().size();
        ResourceValidator.validateLabels(selector.getMatchLabels(), "spec.selector.matchLabels", problems);
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            LabelSelectorRequirement expression = expressions.get(i);
            String path = "spec.selector.matchExpressions[" + i + "]";
            if (expression == null) {
                problems.add(path, "must not be null");
                continue;
            }
            problems.add(path + ".key", Names.checkLabelKey(expression.getKey()));
            for (String value : expression.getValues()) {
                problems.add(path + ".values", Names.checkLabelValue(value));
            }
            LabelSelector single = new LabelSelector();
            single.setMatchExpressions(List.of(expression));
            try {
                io.boss.api.selector.LabelSelector.of(single);
            } catch (InvalidSelectorException e) {
                problems.add(path + ".operator", e.getMessage());
            }
        }
        return problems.errors().size() == before;
    }
}
