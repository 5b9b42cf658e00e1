package io.boss.server.security;

import io.boss.api.model.Deployment;
import io.boss.api.model.IsolationLevel;
import io.boss.api.model.IsolationPolicy;
import io.boss.api.model.IsolationPolicySpec;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.Pod;
import io.boss.api.model.PodSpec;
import io.boss.api.model.PodTemplateSpec;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.Resource;
import io.boss.api.model.SandboxClass;
import io.boss.api.placement.PlacementIntent;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks a pod, or the pod template of a Deployment or ReplicaSet, against every
 * {@link IsolationPolicy} of its namespace before it is created or updated. A pod's isolation is
 * the level it requests in {@code spec.sandbox.isolation}, or, when it requests none, the level its
 * sandbox class gives by itself: {@code sharedHost} for a process, {@code namespaced} for a
 * container, {@code runtimeSandboxed} for WASM and {@code hardwareVirtualized} for a VM or micro-VM.
 * Its network mode is the one it names, or its class's default. Thread-safe.
 */
public final class IsolationAdmission {

    private final Function<String, List<IsolationPolicy>> policies;

    /** @param policies returns the isolation policies of a namespace */
    public IsolationAdmission(Function<String, List<IsolationPolicy>> policies) {
        this.policies = policies;
    }

    /** Returns the rule {@code object} breaks, or empty when every policy of its namespace allows it. */
    public Optional<String> check(String namespace, Resource object) {
        PodSpec spec = podSpecOf(object);
        if (spec == null || namespace == null) {
            return Optional.empty();
        }
        String subject = object.resourceKind().kind() + " \"" + object.getMetadata().getName() + "\""
                + (object instanceof Pod ? "" : " (its pod template)");
        for (IsolationPolicy policy : policies.apply(namespace)) {
            Optional<String> broken = check(spec, policy.getSpec());
            if (broken.isPresent()) {
                return Optional.of(subject + " is rejected by isolation policy \"" + policy.getMetadata().getName()
                        + "\" of namespace \"" + namespace + "\": " + broken.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> check(PodSpec spec, IsolationPolicySpec policy) {
        SandboxClass sandboxClass = spec.resolvedSandboxClass();
        if (sandboxClass == null || policy == null) {
            return Optional.empty();
        }

        List<String> allowed = policy.getAllowedSandboxClasses();
        boolean classAllowed = allowed.isEmpty()
                || allowed.stream().map(SandboxClass::fromName).anyMatch(sandboxClass::equals);
        if (!classAllowed) {
            return Optional.of("rule allowedSandboxClasses " + allowed + " does not include sandbox class "
                    + sandboxClass.wireName());
        }

        IsolationLevel minimum = IsolationLevel.fromWireName(policy.getMinIsolation());
        IsolationLevel level = isolationOf(spec, sandboxClass);
        if (minimum != null && !level.satisfies(minimum)) {
            return Optional.of("rule minIsolation " + minimum.wireName() + " is not met by isolation "
                    + level.wireName() + " of sandbox class " + sandboxClass.wireName()
                    + "; request spec.sandbox.isolation " + minimum.wireName() + " or use a stronger sandbox class");
        }

        if (Boolean.FALSE.equals(policy.getAllowHostNetwork()) && networkOf(spec, sandboxClass) == NetworkMode.HOST) {
            return Optional.of("rule allowHostNetwork false rejects network mode host; set spec.sandbox.network.mode "
                    + "to none, nat or bridge");
        }
        return Optional.empty();
    }

    /** Returns the isolation level a pod runs at: the one it requests, or its class's own. */
    static IsolationLevel isolationOf(PodSpec spec, SandboxClass sandboxClass) {
        IsolationLevel requested = spec.getSandbox() == null ? null : spec.getSandbox().resolvedIsolation();
        IsolationLevel inherent = switch (sandboxClass) {
            case PROCESS -> IsolationLevel.SHARED_HOST;
            case CONTAINER -> IsolationLevel.NAMESPACED;
            case WASM -> IsolationLevel.RUNTIME_SANDBOXED;
            case VM, MICROVM -> IsolationLevel.HARDWARE_VIRTUALIZED;
        };
        return requested != null && requested.compareTo(inherent) > 0 ? requested : inherent;
    }

    private static NetworkMode networkOf(PodSpec spec, SandboxClass sandboxClass) {
        String mode = spec.getSandbox() == null || spec.getSandbox().getNetwork() == null
                ? null : spec.getSandbox().getNetwork().getMode();
        if (mode == null || mode.isEmpty()) {
            return PlacementIntent.defaultNetwork(sandboxClass);
        }
        return NetworkMode.fromWireName(mode);
    }

    private static PodSpec podSpecOf(Resource object) {
        PodTemplateSpec template = null;
        if (object instanceof Pod pod) {
            return pod.getSpec();
        } else if (object instanceof Deployment deployment && deployment.getSpec() != null) {
            template = deployment.getSpec().getTemplate();
        } else if (object instanceof ReplicaSet replicaSet && replicaSet.getSpec() != null) {
            template = replicaSet.getSpec().getTemplate();
        }
        return template == null ? null : template.getSpec();
    }
}
