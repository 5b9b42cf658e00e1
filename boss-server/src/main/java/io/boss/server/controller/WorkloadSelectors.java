package io.boss.server.controller;

import io.boss.api.model.LabelSelector;
import io.boss.api.model.PodTemplateSpec;
import io.boss.api.selector.InvalidSelectorException;

import java.util.Map;

/** Checks the selector of a ReplicaSet or Deployment against its pod template. */
public final class WorkloadSelectors {

    private WorkloadSelectors() {
    }

    /**
     * Returns why {@code selector} cannot be used for pods of {@code template}, or null when it
     * selects them: it must be non-empty, well formed, and match the template's labels.
     */
    public static String problem(LabelSelector selector, PodTemplateSpec template) {
        if (selector == null || (selector.getMatchLabels().isEmpty() && selector.getMatchExpressions().isEmpty())) {
            return "spec.selector is empty, so it would select every pod in the namespace";
        }
        io.boss.api.selector.LabelSelector matcher;
        try {
            matcher = io.boss.api.selector.LabelSelector.of(selector);
        } catch (InvalidSelectorException e) {
            return "spec.selector is invalid: " + e.getMessage();
        }
        Map<String, String> labels = template == null || template.getMetadata() == null
                ? Map.of() : template.getMetadata().getLabels();
        if (!matcher.matches(labels)) {
            return "spec.selector \"" + matcher + "\" does not match spec.template.metadata.labels " + labels;
        }
        return null;
    }
}
