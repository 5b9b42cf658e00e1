package io.boss.runtime.container;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.boss.api.model.NetworkMode;
import io.boss.runtime.CpuShares;
import io.boss.runtime.SandboxSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the {@code podman create} arguments for a sandbox spec. */
final class ContainerArguments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ContainerArguments() {
    }

    /**
     * Returns the arguments: name and labels, the network, {@code --init}, the ulimits, the
     * memory and CPU limits from the requests and the environment. As in Kubernetes, the command
     * replaces the image's entry point and the args replace its default command.
     */
    /** The smallest CPU limit, in millicores, that the namespaced provider applies too. */
    static final long MIN_CPU_LIMIT_MILLIS = 10;

    static List<String> create(SandboxSpec spec, String name, String image, String specDigest, List<String> ulimits) {
        List<String> arguments = new ArrayList<>(List.of("create", "--name", name,
                "--label", ContainerProvider.SANDBOX_LABEL + "=" + spec.sandboxId(),
                "--label", ContainerProvider.SPEC_LABEL + "=" + specDigest,
                "--pull", "never", "--init"));
        if (spec.podNamespace() != null && spec.podName() != null) {
            arguments.addAll(List.of("--label", "boss.io/pod=" + spec.podNamespace() + "/" + spec.podName()));
        }
        NetworkMode network = spec.network() == null ? NetworkMode.NONE : spec.network();
        arguments.addAll(List.of("--network", network == NetworkMode.HOST ? "host" : "none"));
        for (String limit : ulimits) {
            arguments.addAll(List.of("--ulimit", limit));
        }
        if (spec.memoryBytes() != null && spec.memoryBytes() > 0) {
            arguments.addAll(List.of("--memory", Long.toString(spec.memoryBytes())));
        }
        if (spec.cpuMillis() != null && spec.cpuMillis() > 0) {
            // runc rejects a CFS quota under 1 ms per 100 ms period, that is under 10m.
            long millis = Math.max(MIN_CPU_LIMIT_MILLIS, spec.cpuMillis());
            arguments.addAll(List.of("--cpus", String.format(Locale.ROOT, "%.3f", millis / 1000.0)));
        }
        // A request of 0 still gets the minimum weight, as in Kubernetes, not podman's default 1024.
        if (spec.cpuRequestMillis() != null) {
            arguments.addAll(List.of("--cpu-shares", Long.toString(CpuShares.of(spec.cpuRequestMillis()))));
        }
        for (Map.Entry<String, String> variable : spec.env().entrySet()) {
            arguments.addAll(List.of("--env", variable.getKey() + "=" + variable.getValue()));
        }
        if (!spec.command().isEmpty()) {
            arguments.addAll(List.of("--entrypoint", jsonArray(spec.command())));
        }
        arguments.add(image);
        arguments.addAll(spec.args());
        return arguments;
    }

    /** Returns the JSON array form that {@code --entrypoint} takes for a multi-word entry point. */
    private static String jsonArray(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always serializable", e);
        }
    }
}
