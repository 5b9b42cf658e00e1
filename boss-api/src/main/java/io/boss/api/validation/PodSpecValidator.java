package io.boss.api.validation;

import io.boss.api.Quantity;
import io.boss.api.model.AgentSandboxState;
import io.boss.api.model.Artifact;
import io.boss.api.model.ArtifactType;
import io.boss.api.model.Condition;
import io.boss.api.model.Container;
import io.boss.api.model.EnvVar;
import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.PodPhase;
import io.boss.api.model.PodSpec;
import io.boss.api.model.PodStatus;
import io.boss.api.model.Reason;
import io.boss.api.model.RestartPolicy;
import io.boss.api.model.SandboxClass;
import io.boss.api.model.SandboxIntent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Validates a pod spec (of a Pod or of a workload's template) and a pod status.
 *
 * <p>What each class needs to run: a {@code process} container needs a {@code command}, unless
 * the pod names an executable in {@code sandbox.artifact}; a {@code container} container needs an
 * {@code image}, unless {@code sandbox.artifact.image} is set; {@code wasm}, {@code vm} and
 * {@code microvm} pods need {@code sandbox.artifact}. A given artifact's type must suit the class
 * ({@link SandboxClass#artifactTypes()}).
 */
final class PodSpecValidator {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final List<String> URI_SCHEMES = List.of("file", "http", "https");

    private PodSpecValidator() {
    }

    static void validateSpec(PodSpec spec, String path, Problems problems) {
        problems.oneOf(path + ".sandboxClass", spec.getSandboxClass(), SandboxClass.acceptedNames());
        problems.oneOf(path + ".runtimeClass", spec.getRuntimeClass(), SandboxClass.acceptedNames());
        problems.oneOf(path + ".restartPolicy", spec.getRestartPolicy(),
                wireNames(RestartPolicy.values(), RestartPolicy::wireName));
        problems.nonNegative(path + ".terminationGracePeriodSeconds", spec.getTerminationGracePeriodSeconds());
        if (spec.getNodeName() != null && !spec.getNodeName().isEmpty()) {
            problems.add(path + ".nodeName", Names.checkSubdomain(spec.getNodeName()));
        }

        SandboxClass sandboxClass = spec.resolvedSandboxClass();
        if (spec.getSandbox() != null) {
            validateSandbox(spec.getSandbox(), sandboxClass, path + ".sandbox", problems);
        }
        validateContainers(spec, sandboxClass, path, problems);
    }

    private static void validateSandbox(SandboxIntent sandbox, SandboxClass sandboxClass, String path,
                                        Problems problems) {
        problems.oneOf(path + ".isolation", sandbox.getIsolation(),
                wireNames(IsolationLevel.values(), IsolationLevel::wireName));
        if (sandbox.getNetwork() != null) {
            problems.oneOf(path + ".network.mode", sandbox.getNetwork().getMode(),
                    wireNames(NetworkMode.values(), NetworkMode::wireName));
        }
        if (sandbox.getArtifact() != null) {
            validateArtifact(sandbox.getArtifact(), sandboxClass, path + ".artifact", problems);
        }
    }

    private static void validateArtifact(Artifact artifact, SandboxClass sandboxClass, String path,
                                         Problems problems) {
        List<String> types = wireNames(ArtifactType.values(), ArtifactType::wireName);
        ArtifactType type = artifact.resolvedType();
        if (artifact.getType() == null || artifact.getType().isEmpty()) {
            problems.add(path + ".type", "is required: expected one of " + String.join(", ", types));
        } else if (type == null) {
            problems.oneOf(path + ".type", artifact.getType(), types);
        } else if (sandboxClass != null && !sandboxClass.artifactTypes().contains(type)) {
            problems.add(path + ".type", "artifact type \"" + type.wireName() + "\" cannot run in sandbox class \""
                    + sandboxClass.wireName() + "\": expected " + String.join(" or ",
                    wireNames(sandboxClass.artifactTypes().toArray(new ArtifactType[0]), ArtifactType::wireName)));
        }

        if (type == ArtifactType.CONTAINER_IMAGE) {
            problems.required(path + ".image", artifact.getImage());
        } else if (type != null && isEmpty(artifact.getPath()) && isEmpty(artifact.getUri())) {
            problems.add(path, "path or uri is required for artifact type \"" + type.wireName() + "\"");
        }
        if (!isEmpty(artifact.getPath()) && !artifact.getPath().startsWith("/")) {
            problems.add(path + ".path", "must be an absolute path, got \"" + artifact.getPath() + "\"");
        }
        if (!isEmpty(artifact.getUri())) {
            validateUri(artifact.getUri(), path + ".uri", problems);
        }
        if (!isEmpty(artifact.getDigest()) && !DIGEST.matcher(artifact.getDigest()).matches()) {
            problems.add(path + ".digest", "invalid digest \"" + artifact.getDigest()
                    + "\": expected sha256: followed by 64 lowercase hex digits");
        }
    }

    private static void validateUri(String uri, String path, Problems problems) {
        int colon = uri.indexOf(':');
        String scheme = colon < 0 ? "" : uri.substring(0, colon);
        if (!URI_SCHEMES.contains(scheme)) {
            problems.add(path, "unsupported URI \"" + uri + "\": expected a file, http or https URI");
        }
    }

    private static void validateContainers(PodSpec spec, SandboxClass sandboxClass, String path, Problems problems) {
        List<Container> containers = spec.getContainers();
        if (containers.isEmpty()) {
            problems.add(path + ".containers", "at least one container is required");
        }
        if (sandboxClass != null && sandboxClass != SandboxClass.PROCESS && sandboxClass != SandboxClass.CONTAINER
                && artifactOf(spec) == null) {
            problems.add(path + ".sandbox.artifact", "is required for sandbox class \"" + sandboxClass.wireName() + "\"");
        }

        Set<String> names = new HashSet<>();
        for (int i = 0; i < containers.size(); i++) {
            Container container = containers.get(i);
            String containerPath = path + ".containers[" + i + "]";
            if (container == null) {
                problems.add(containerPath, "must not be null");
                continue;
            }
            problems.add(containerPath + ".name", Names.checkLabel(container.getName()));
            if (container.getName() != null && !names.add(container.getName())) {
                problems.add(containerPath + ".name", "duplicate container name \"" + container.getName() + "\"");
            }
            validateContent(container, spec, sandboxClass, containerPath, problems);
            validateEnv(container.getEnv(), containerPath + ".env", problems);
            if (container.getResources() != null) {
                validateResources(container.getResources().getRequests(), container.getResources().getLimits(),
                        containerPath + ".resources", problems);
            }
        }
    }

    private static void validateContent(Container container, PodSpec spec, SandboxClass sandboxClass, String path,
                                        Problems problems) {
        Artifact artifact = artifactOf(spec);
        if (sandboxClass == SandboxClass.PROCESS && container.getCommand().isEmpty() && artifact == null) {
            problems.add(path + ".command", "is required for sandbox class \"process\" unless sandbox.artifact "
                    + "names the executable");
        }
        if (sandboxClass == SandboxClass.CONTAINER && isEmpty(container.getImage())
                && (artifact == null || isEmpty(artifact.getImage()))) {
            problems.add(path + ".image", "is required for sandbox class \"container\" unless "
                    + "sandbox.artifact.image is set");
        }
    }

    private static void validateEnv(List<EnvVar> env, String path, Problems problems) {
        for (int i = 0; i < env.size(); i++) {
            EnvVar variable = env.get(i);
            if (variable == null) {
                problems.add(path + "[" + i + "]", "must not be null");
                continue;
            }
            problems.add(path + "[" + i + "].name", Names.checkEnvVarName(variable.getName()));
        }
    }

    private static void validateResources(Map<String, String> requests, Map<String, String> limits, String path,
                                          Problems problems) {
        Map<String, BigDecimal> parsedRequests = parseQuantities(requests, path + ".requests", problems);
        Map<String, BigDecimal> parsedLimits = parseQuantities(limits, path + ".limits", problems);
        for (Map.Entry<String, BigDecimal> request : parsedRequests.entrySet()) {
            BigDecimal limit = parsedLimits.get(request.getKey());
            if (limit != null && request.getValue().compareTo(limit) > 0) {
                problems.add(path + ".requests." + request.getKey(), "request " + requests.get(request.getKey())
                        + " must not exceed limit " + limits.get(request.getKey()));
            }
        }
    }

    private static Map<String, BigDecimal> parseQuantities(Map<String, String> quantities, String path,
                                                           Problems problems) {
        Map<String, BigDecimal> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : quantities.entrySet()) {
            String entryPath = path + "." + entry.getKey();
            problems.add(entryPath, Names.checkLabelKey(entry.getKey()).map(problem -> "resource name: " + problem));
            try {
                parsed.put(entry.getKey(), Quantity.parse(entry.getValue()));
            } catch (IllegalArgumentException e) {
                problems.add(entryPath, e.getMessage());
            }
        }
        return parsed;
    }

    static void validateStatus(PodStatus status, String path, Problems problems) {
        problems.oneOf(path + ".phase", status.getPhase(), wireNames(PodPhase.values(), PodPhase::wireName));
        problems.oneOf(path + ".reason", status.getReason(),
                wireNames(Reason.values(), Reason::name));
        problems.oneOf(path + ".sandboxState", status.getSandboxState(),
                wireNames(AgentSandboxState.values(), AgentSandboxState::wireName));
        problems.nonNegative(path + ".restartCount", status.getRestartCount());
        validateConditions(status.getConditions(), path + ".conditions", problems);
    }

    static void validateConditions(List<Condition> conditions, String path, Problems problems) {
        Set<String> types = new HashSet<>();
        for (int i = 0; i < conditions.size(); i++) {
            Condition condition = conditions.get(i);
            String conditionPath = path + "[" + i + "]";
            if (condition == null) {
                problems.add(conditionPath, "must not be null");
                continue;
            }
            problems.required(conditionPath + ".type", condition.getType());
            if (condition.getType() != null && !types.add(condition.getType())) {
                problems.add(conditionPath + ".type", "duplicate condition type \"" + condition.getType() + "\"");
            }
            if (isEmpty(condition.getStatus())) {
                problems.add(conditionPath + ".status", "is required: expected True, False or Unknown");
            }
            problems.oneOf(conditionPath + ".status", condition.getStatus(),
                    List.of(Condition.TRUE, Condition.FALSE, Condition.UNKNOWN));
        }
    }

    private static Artifact artifactOf(PodSpec spec) {
        return spec.getSandbox() == null ? null : spec.getSandbox().getArtifact();
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    static <E> List<String> wireNames(E[] values, Function<E, String> wireName) {
        return Arrays.stream(values).map(wireName).collect(Collectors.toList());
    }
}
