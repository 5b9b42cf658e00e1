package io.boss.server.controller.replicaset;

import io.boss.api.json.Serialization;
import io.boss.api.model.ObjectMeta;
import io.boss.api.model.OwnerReference;
import io.boss.api.model.Pod;
import io.boss.api.model.PodSpec;
import io.boss.api.model.ReplicaSet;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Builds the pods of a ReplicaSet from its template: named {@code <replicaset>-<5 random
 * characters>}, with the template's labels, annotations and sandbox intent unchanged, a
 * controller owner reference to the ReplicaSet and no node name.
 *
 * <p>The random suffix is chosen here, on the replica that proposes the create, and never while
 * the store applies it, so every replica stores the same name.
 */
public final class PodFactory {

    /** Characters of generated name suffixes: no vowels and no look-alike digits, as in Kubernetes. */
    static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    static final int SUFFIX_LENGTH = 5;
    /** Longest base name before the suffix, so that a generated name stays a valid DNS label (63 characters). */
    static final int MAX_BASE_LENGTH = 63 - SUFFIX_LENGTH;

    private final RandomGenerator random;

    public PodFactory(RandomGenerator random) {
        this.random = random;
    }

    /** Returns a new pod of {@code replicaSet}, without uid or creation time (the store writer sets them). */
    public Pod newPod(ReplicaSet replicaSet) {
        ObjectMeta owner = replicaSet.getMetadata();
        Pod pod = new Pod(owner.getNamespace(), generateName(owner.getName() + "-"));

        ObjectMeta template = replicaSet.getSpec().getTemplate().getMetadata();
        if (template != null) {
            pod.getMetadata().setLabels(template.getLabels());
            pod.getMetadata().setAnnotations(template.getAnnotations());
        }
        pod.getMetadata().setOwnerReferences(List.of(OwnerReference.controllerOf(replicaSet)));

        PodSpec spec = Serialization.copy(replicaSet.getSpec().getTemplate().getSpec());
        spec.setNodeName(null);
        pod.setSpec(spec);
        return pod;
    }

    /** Returns {@code base}, cut to {@value #MAX_BASE_LENGTH} characters, followed by a random suffix. */
    String generateName(String base) {
        String prefix = base.length() > MAX_BASE_LENGTH ? base.substring(0, MAX_BASE_LENGTH) : base;
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < SUFFIX_LENGTH; i++) {
            name.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
        }
        return name.toString();
    }
}
