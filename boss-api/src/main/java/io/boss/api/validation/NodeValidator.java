package io.boss.api.validation;

import io.boss.api.Quantity;
import io.boss.api.model.Node;
import io.boss.api.model.NodeStatus;
import io.boss.api.model.ProviderStatus;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Validates the status a node agent reports: quantities and provider entries. */
final class NodeValidator {

    private NodeValidator() {
    }

    static void validate(Node node, Problems problems) {
        NodeStatus status = node.getStatus();
        if (status == null) {
            return;
        }

        PodSpecValidator.validateConditions(status.getConditions(), "status.conditions", problems);
        validateQuantities(status.getAllocatable(), "status.allocatable", problems);
        validateQuantities(status.getCapacity(), "status.capacity", problems);
        if (status.getRuntimeCapabilities() == null) {
            return;
        }

        Set<String> names = new HashSet<>();
        var providers = status.getRuntimeCapabilities().getProviders();
        for (int i = 0; i < providers.size(); i++) {
            ProviderStatus provider = providers.get(i);
            String path = "status.runtimeCapabilities.providers[" + i + "]";
            if (provider == null) {
                problems.add(path, "must not be null");
                continue;
            }
            problems.required(path + ".name", provider.getName());
            if (provider.getName() != null && !names.add(provider.getName())) {
                problems.add(path + ".name", "duplicate provider name \"" + provider.getName() + "\"");
            }
            problems.nonNegative(path + ".capacity", provider.getCapacity());
        }
    }

    private static void validateQuantities(Map<String, String> quantities, String path, Problems problems) {
        for (Map.Entry<String, String> entry : quantities.entrySet()) {
            try {
                Quantity.parse(entry.getValue());
            } catch (IllegalArgumentException e) {
                problems.add(path + "." + entry.getKey(), e.getMessage());
            }
        }
    }
}
