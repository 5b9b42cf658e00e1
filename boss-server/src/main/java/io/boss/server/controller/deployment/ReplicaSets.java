package io.boss.server.controller.deployment;

import io.boss.api.json.Serialization;
import io.boss.api.model.Deployment;
import io.boss.api.model.LabelSelector;
import io.boss.api.model.OwnerReference;
import io.boss.api.model.PodTemplateSpec;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.ReplicaSetSpec;

import java.util.List;

/** Builds and compares the ReplicaSets of a Deployment. */
final class ReplicaSets {

    /** Annotation with the rollout revision of a ReplicaSet and of its Deployment, a decimal number from 1. */
    static final String REVISION_ANNOTATION = "boss.io/revision";
    /** Annotation with a free-text reason for a rollout, copied from the Deployment to its new ReplicaSet. */
    static final String CHANGE_CAUSE_ANNOTATION = "boss.io/change-cause";

    private ReplicaSets() {
    }

    /** Returns the name of the Deployment's ReplicaSet for the template with {@code hash}. */
    static String name(Deployment deployment, String hash) {
        return deployment.getMetadata().getName() + "-" + hash;
    }

    /**
     * Builds the ReplicaSet of the Deployment's current template: the {@code pod-template-hash}
     * label on itself, its selector and its template, a controller reference to the Deployment,
     * and the revision annotation.
     */
    static ReplicaSet build(Deployment deployment, String hash, long revision) {
        ReplicaSet replicaSet = new ReplicaSet(deployment.getMetadata().getNamespace(), name(deployment, hash));
        PodTemplateSpec template = Serialization.copy(deployment.getSpec().getTemplate());
        template.getMetadata().getLabels().put(TemplateHash.LABEL, hash);
        LabelSelector selector = Serialization.copy(deployment.getSpec().getSelector());
        selector.getMatchLabels().put(TemplateHash.LABEL, hash);

        replicaSet.getMetadata().setLabels(template.getMetadata().getLabels());
        replicaSet.getMetadata().getAnnotations().put(REVISION_ANNOTATION, Long.toString(revision));
        String changeCause = deployment.getMetadata().getAnnotations().get(CHANGE_CAUSE_ANNOTATION);
        if (changeCause != null) {
            replicaSet.getMetadata().getAnnotations().put(CHANGE_CAUSE_ANNOTATION, changeCause);
        }
        replicaSet.getMetadata().setOwnerReferences(List.of(OwnerReference.controllerOf(deployment)));

        ReplicaSetSpec spec = new ReplicaSetSpec();
        spec.setReplicas(0);
        spec.setSelector(selector);
        spec.setTemplate(template);
        spec.setMinReadySeconds(deployment.getSpec().getMinReadySeconds());
        replicaSet.setSpec(spec);
        return replicaSet;
    }

    /** Returns true when the ReplicaSet's template is the Deployment's, apart from the hash label. */
    static boolean hasTemplateOf(ReplicaSet replicaSet, Deployment deployment) {
        PodTemplateSpec template = replicaSet.getSpec().getTemplate();
        if (template == null) {
            return false;
        }
        PodTemplateSpec withoutHash = Serialization.copy(template);
        withoutHash.getMetadata().getLabels().remove(TemplateHash.LABEL);
        return withoutHash.equals(deployment.getSpec().getTemplate());
    }

    /** Returns the revision annotation as a number, or 0 when it is missing or malformed. */
    static long revision(ReplicaSet replicaSet) {
        String value = replicaSet.getMetadata().getAnnotations().get(REVISION_ANNOTATION);
        if (value == null) {
            return 0;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
