package io.boss.node.sync;

import io.boss.api.Quantity;
import io.boss.api.model.Artifact;
import io.boss.api.model.ArtifactType;
import io.boss.api.model.Container;
import io.boss.api.model.EnvVar;
import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.Pod;
import io.boss.api.model.PodSpec;
import io.boss.api.model.Reason;
import io.boss.api.model.SandboxClass;
import io.boss.api.model.SandboxIntent;
import io.boss.runtime.SandboxArtifact;
import io.boss.runtime.SandboxException;
import io.boss.runtime.SandboxSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Translates a bound pod into the {@link SandboxSpec} of one of its runs. A sandbox runs one
 * workload, so a pod must have exactly one container; its command, args, env and resource
 * requests become the sandbox's.
 */
public final class PodSandboxSpecs {

    /** The annotation in which the scheduler records the pod's resolved sandbox class. */
    public static final String RESOLVED_CLASS_ANNOTATION = "boss.io/resolved-sandbox-class";

    private PodSandboxSpecs() {
    }

    /**
     * Builds the spec of the pod's given run.
     *
     * @throws SandboxException with {@code InvalidSpec} naming the field to fix
     */
    public static SandboxSpec forRun(Pod pod, int run) throws SandboxException {
        PodSpec podSpec = pod.getSpec();
        String podKey = pod.key();
        if (podSpec.getContainers().size() != 1) {
            throw invalid("pod " + podKey + " has " + podSpec.getContainers().size()
                    + " containers in spec.containers; a sandbox runs exactly one");
        }
        Container container = podSpec.getContainers().get(0);

        SandboxSpec.Builder builder = SandboxSpec.builder(SandboxIds.forRun(pod.getMetadata().getUid(), run))
                .pod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), pod.getMetadata().getUid())
                .sandboxClass(sandboxClass(pod))
                .command(container.getCommand().toArray(String[]::new))
                .args(container.getArgs().toArray(String[]::new))
                .env(env(container))
                .labels(pod.getMetadata().getLabels());

        SandboxIntent intent = podSpec.getSandbox();
        if (intent != null) {
            builder.artifact(artifact(intent.getArtifact()));
            builder.isolation(isolation(intent));
            builder.network(network(intent));
        }
        addResources(builder, container);
        return builder.build();
    }

    private static SandboxClass sandboxClass(Pod pod) throws SandboxException {
        String resolved = pod.getMetadata().getAnnotations().get(RESOLVED_CLASS_ANNOTATION);
        SandboxClass sandboxClass = resolved != null && !resolved.isEmpty()
                ? SandboxClass.fromName(resolved)
                : pod.getSpec().resolvedSandboxClass();
        if (sandboxClass == null) {
            throw invalid("pod " + pod.key() + " has an unknown sandbox class (spec.sandboxClass '"
                    + pod.getSpec().getSandboxClass() + "', spec.runtimeClass '" + pod.getSpec().getRuntimeClass()
                    + "', annotation '" + resolved + "')");
        }
        return sandboxClass;
    }

    private static SandboxArtifact artifact(Artifact artifact) throws SandboxException {
        if (artifact == null) {
            return null;
        }
        ArtifactType type = artifact.resolvedType();
        if (type == null) {
            throw invalid("spec.sandbox.artifact.type '" + artifact.getType() + "' is not an artifact type");
        }
        String location = firstSet(artifact.getPath(), artifact.getImage(), artifact.getUri());
        return new SandboxArtifact(type, location, artifact.getDigest());
    }

    private static IsolationLevel isolation(SandboxIntent intent) throws SandboxException {
        if (intent.getIsolation() == null || intent.getIsolation().isEmpty()) {
            return null;
        }
        IsolationLevel level = intent.resolvedIsolation();
        if (level == null) {
            throw invalid("spec.sandbox.isolation '" + intent.getIsolation() + "' is not an isolation level");
        }
        return level;
    }

    private static NetworkMode network(SandboxIntent intent) throws SandboxException {
        if (intent.getNetwork() == null || intent.getNetwork().getMode() == null) {
            return null;
        }
        NetworkMode mode = intent.getNetwork().resolvedMode();
        if (mode == null) {
            throw invalid("spec.sandbox.network.mode '" + intent.getNetwork().getMode() + "' is not a network mode");
        }
        return mode;
    }

    private static Map<String, String> env(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv()) {
            env.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
        }
        return env;
    }

    /**
     * Sets the sandbox's resources as Kubernetes does for CPU: the limit becomes a hard quota and
     * the request a relative weight, which is the limit when the container states no request.
     * Memory is limited by the container's limit, or by its request when it sets no limit, so
     * that a pod that states only requests still runs within them.
     */
    private static void addResources(SandboxSpec.Builder builder, Container container) throws SandboxException {
        if (container.getResources() == null) {
            return;
        }
        Map<String, String> requests = container.getResources().getRequests();
        Map<String, String> limits = container.getResources().getLimits();
        String field = "spec.containers[0].resources.";
        Long cpuLimit = quantity(limits, "cpu", field + "limits", Quantity::toMillicores);
        Long cpuRequest = quantity(requests, "cpu", field + "requests", Quantity::toMillicores);
        if (cpuRequest == null) {
            cpuRequest = cpuLimit;
        }
        Long memory = quantity(limits, "memory", field + "limits", Quantity::toBytes);
        if (memory == null) {
            memory = quantity(requests, "memory", field + "requests", Quantity::toBytes);
        }
        builder.resources(cpuLimit, memory).cpuRequest(cpuRequest);
    }

    private static Long quantity(Map<String, String> values, String resource, String field,
            Function<String, Long> parse) throws SandboxException {
        if (values == null || !values.containsKey(resource)) {
            return null;
        }
        try {
            return parse.apply(values.get(resource));
        } catch (IllegalArgumentException e) {
            throw invalid(field + ": " + e.getMessage());
        }
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    private static SandboxException invalid(String message) {
        return new SandboxException(Reason.InvalidSpec, message);
    }
}
