package io.boss.api.validation;

import io.boss.api.ResourceKind;
import io.boss.api.model.ClusterRole;
import io.boss.api.model.ClusterRoleBinding;
import io.boss.api.model.Deployment;
import io.boss.api.model.DeploymentSpec;
import io.boss.api.model.DeploymentStrategy;
import io.boss.api.model.Event;
import io.boss.api.model.IntOrPercent;
import io.boss.api.model.IsolationPolicy;
import io.boss.api.model.Lease;
import io.boss.api.model.Node;
import io.boss.api.model.ObjectMeta;
import io.boss.api.model.OwnerReference;
import io.boss.api.model.Pod;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.Resource;
import io.boss.api.model.Role;
import io.boss.api.model.RoleBinding;
import io.boss.api.model.RollingUpdateDeployment;
import java.util.List;
import java.util.Map;

/**
 * Checks objects against the API's rules and reports every problem at once, each with the path
 * of its field. The server calls it on create, update and status update after it has filled in
 * {@code metadata.namespace} from the request path; it responds to a non-empty result with
 * 422 Invalid. Stateless and thread-safe.
 */
public final class ResourceValidator {

    private ResourceValidator() {
    }

    /** Returns every problem with {@code resource}, or an empty list when it is valid. */
    public static List<FieldError> validate(Resource resource) {
        Problems problems = new Problems();
        if (resource == null) {
            problems.add("", "object is required");
            return problems.errors();
        }

        validateTypeMeta(resource, problems);
        validateMetadata(resource.getMetadata(), resource.resourceKind(), problems);
        if (resource instanceof Pod) {
            validatePod((Pod) resource, problems);
        } else if (resource instanceof Node) {
            NodeValidator.validate((Node) resource, problems);
        } else if (resource instanceof Lease) {
            validateLease((Lease) resource, problems);
        } else if (resource instanceof ReplicaSet) {
            WorkloadValidator.validateReplicaSet((ReplicaSet) resource, problems);
        } else if (resource instanceof Deployment) {
            validateDeployment((Deployment) resource, problems);
        } else if (resource instanceof Role role) {
            SecurityValidator.validateRoleSpec(role.getSpec(), problems);
        } else if (resource instanceof ClusterRole role) {
            SecurityValidator.validateRoleSpec(role.getSpec(), problems);
        } else if (resource instanceof RoleBinding binding) {
            SecurityValidator.validateBindingSpec(binding.getSpec(), false, problems);
        } else if (resource instanceof ClusterRoleBinding binding) {
            SecurityValidator.validateBindingSpec(binding.getSpec(), true, problems);
        } else if (resource instanceof IsolationPolicy policy) {
            SecurityValidator.validateIsolationPolicySpec(policy.getSpec(), problems);
        } else if (resource instanceof Event event) {
            EventValidator.validate(event, problems);
        }
        return problems.errors();
    }

    /**
     * Validates {@code resource} and throws when it has any problem.
     *
     * @throws ValidationException listing every problem
     */
    public static void validateOrThrow(Resource resource) {
        List<FieldError> errors = validate(resource);
        if (!errors.isEmpty()) {
            String subject = resource == null ? "object" : resource.resourceKind().kind() + " \"" + resource.key() + "\"";
            throw new ValidationException(subject, errors);
        }
    }

    private static void validateTypeMeta(Resource resource, Problems problems) {
        String apiVersion = resource.getApiVersion();
        if (apiVersion != null && !apiVersion.isEmpty() && !Resource.API_VERSION.equals(apiVersion)) {
            problems.add("apiVersion", "unsupported value \"" + apiVersion + "\": expected " + Resource.API_VERSION);
        }
        String expectedKind = resource.resourceKind().kind();
        if (resource.getKind() != null && !resource.getKind().isEmpty() && !expectedKind.equals(resource.getKind())) {
            problems.add("kind", "unexpected kind \"" + resource.getKind() + "\": expected " + expectedKind);
        }
    }

    private static void validateMetadata(ObjectMeta metadata, ResourceKind kind, Problems problems) {
        if (metadata == null) {
            problems.add("metadata", "is required");
            return;
        }

        problems.add("metadata.name", Names.checkSubdomain(metadata.getName()));
        String namespace = metadata.getNamespace();
        if (kind.namespaced()) {
            problems.add("metadata.namespace", Names.checkLabel(namespace));
        } else if (namespace != null && !namespace.isEmpty()) {
            problems.add("metadata.namespace", "must be empty because " + kind.kind() + " is cluster-scoped");
        }
        String resourceVersion = metadata.getResourceVersion();
        if (resourceVersion != null && !resourceVersion.isEmpty() && !resourceVersion.matches("\\d{1,19}")) {
            problems.add("metadata.resourceVersion", "invalid value \"" + resourceVersion
                    + "\": expected the decimal revision the server returned");
        }
        problems.nonNegative("metadata.generation", metadata.getGeneration());

        validateLabels(metadata.getLabels(), "metadata.labels", problems);
        for (String key : metadata.getAnnotations().keySet()) {
            problems.add("metadata.annotations", Names.checkLabelKey(key));
        }
        validateOwnerReferences(metadata.getOwnerReferences(), problems);
    }

    static void validateLabels(Map<String, String> labels, String path, Problems problems) {
        for (Map.Entry<String, String> label : labels.entrySet()) {
            problems.add(path, Names.checkLabelKey(label.getKey()));
            problems.add(path + "." + label.getKey(), Names.checkLabelValue(label.getValue()));
        }
    }

    private static void validateOwnerReferences(List<OwnerReference> owners, Problems problems) {
        int controllers = 0;
        for (int i = 0; i < owners.size(); i++) {
            OwnerReference owner = owners.get(i);
            String path = "metadata.ownerReferences[" + i + "]";
            if (owner == null) {
                problems.add(path, "must not be null");
                continue;
            }
            problems.required(path + ".apiVersion", owner.getApiVersion());
            problems.required(path + ".kind", owner.getKind());
            problems.required(path + ".name", owner.getName());
            problems.required(path + ".uid", owner.getUid());
            if (owner.isControllerReference()) {
                controllers++;
            }
        }
        if (controllers > 1) {
            problems.add("metadata.ownerReferences", "only one reference may have controller=true, found " + controllers);
        }
    }

    private static void validatePod(Pod pod, Problems problems) {
        if (pod.getSpec() == null) {
            problems.add("spec", "is required");
        } else {
            PodSpecValidator.validateSpec(pod.getSpec(), "spec", problems);
        }
        if (pod.getStatus() != null) {
            PodSpecValidator.validateStatus(pod.getStatus(), "status", problems);
        }
    }

    private static void validateLease(Lease lease, Problems problems) {
        if (lease.getSpec() == null) {
            problems.add("spec", "is required");
            return;
        }
        Integer duration = lease.getSpec().getLeaseDurationSeconds();
        if (duration != null && duration <= 0) {
            problems.add("spec.leaseDurationSeconds", "must be greater than 0, got " + duration);
        }
        problems.nonNegative("spec.leaseTransitions", lease.getSpec().getLeaseTransitions());
    }

    private static void validateDeployment(Deployment deployment, Problems problems) {
        DeploymentSpec spec = deployment.getSpec();
        if (spec == null) {
            problems.add("spec", "is required");
            return;
        }

        WorkloadValidator.validateWorkload(spec.getReplicas(), spec.getSelector(), spec.getTemplate(),
                spec.getMinReadySeconds(), problems);
        problems.nonNegative("spec.revisionHistoryLimit", spec.getRevisionHistoryLimit());
        if (deployment.getStatus() != null) {
            PodSpecValidator.validateConditions(deployment.getStatus().getConditions(), "status.conditions", problems);
        }

        DeploymentStrategy strategy = spec.getStrategy();
        if (strategy == null) {
            return;
        }
        problems.oneOf("spec.strategy.type", strategy.getType(),
                List.of(DeploymentStrategy.ROLLING_UPDATE, DeploymentStrategy.RECREATE));
        RollingUpdateDeployment rollingUpdate = strategy.getRollingUpdate();
        if (rollingUpdate == null) {
            return;
        }
        if (DeploymentStrategy.RECREATE.equals(strategy.getType())) {
            problems.add("spec.strategy.rollingUpdate", "must be empty when spec.strategy.type is Recreate");
        }
        validateBound(rollingUpdate.getMaxSurge(), "spec.strategy.rollingUpdate.maxSurge", problems);
        validateBound(rollingUpdate.getMaxUnavailable(), "spec.strategy.rollingUpdate.maxUnavailable", problems);
        if (isZero(rollingUpdate.getMaxSurge()) && isZero(rollingUpdate.getMaxUnavailable())) {
            problems.add("spec.strategy.rollingUpdate.maxUnavailable", "must not be 0 when maxSurge is 0, "
                    + "because the rollout could then never replace a pod");
        }
    }

    private static void validateBound(IntOrPercent bound, String path, Problems problems) {
        if (bound != null && !bound.isValid()) {
            problems.add(path, "invalid value \"" + bound + "\": expected a count such as 1 or a percentage such as 25%");
        }
    }

    private static boolean isZero(IntOrPercent bound) {
        return bound != null && bound.isValid() && bound.resolve(100, true) == 0;
    }
}
