package io.boss.cli.resource;

import io.boss.api.error.BossApiException;
import io.boss.api.error.ErrorReasons;
import io.boss.api.json.Serialization;
import io.boss.api.model.Deployment;
import io.boss.api.model.Node;
import io.boss.api.model.ObjectMeta;
import io.boss.api.model.Pod;
import io.boss.api.model.ReplicaSet;
import io.boss.api.model.Resource;
import io.boss.cli.client.ClusterApi;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Creates an object or, when it exists, replaces it with the manifest's version by a
 * compare-and-set on the stored {@code resourceVersion}, rereading and retrying on a conflict.
 *
 * <p>What the manifest does not own is kept from the stored object: the server-set metadata,
 * the {@code status}, annotations the manifest does not name (so the scheduler's binding
 * annotations survive), owner references when the manifest has none, and a pod's
 * {@code spec.nodeName} when the manifest leaves it empty. Because there is no record of the
 * last applied manifest, an annotation removed from the manifest stays on the object.
 */
public final class Applier {

    /** Outcome of one apply, printed after the object's name. */
    public enum Outcome {
        CREATED("created"),
        CONFIGURED("configured"),
        UNCHANGED("unchanged");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** Attempts before a run of conflicts is reported to the user. */
    static final int MAX_ATTEMPTS = 5;

    private final ClusterApi api;

    public Applier(ClusterApi api) {
        this.api = api;
    }

    /** Applies one object whose namespace is already set (null for a cluster-scoped kind). */
    public Outcome apply(Resource desired) {
        String namespace = desired.getMetadata().getNamespace();
        String name = desired.getMetadata().getName();
        for (int attempt = 1; ; attempt++) {
            Optional<Resource> existing = api.get(desired.resourceKind(), namespace, name);
            try {
                if (existing.isEmpty()) {
                    api.create(desired);
                    return Outcome.CREATED;
                }
                Resource merged = merge(desired, existing.get());
                if (sameContent(merged, existing.get())) {
                    return Outcome.UNCHANGED;
                }
                api.update(merged);
                return Outcome.CONFIGURED;
            } catch (BossApiException e) {
                boolean raced = e.is(ErrorReasons.CONFLICT) || e.is(ErrorReasons.ALREADY_EXISTS);
                if (!raced || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Returns the manifest's object with what it does not own copied from {@code stored}. */
    static Resource merge(Resource desired, Resource stored) {
        Resource merged = Serialization.copy(desired);
        ObjectMeta target = merged.getMetadata();
        ObjectMeta source = stored.getMetadata();
        target.setUid(source.getUid());
        target.setResourceVersion(source.getResourceVersion());
        target.setGeneration(source.getGeneration());
        target.setCreationTimestamp(source.getCreationTimestamp());
        target.setDeletionTimestamp(source.getDeletionTimestamp());

        Map<String, String> annotations = new LinkedHashMap<>(source.getAnnotations());
        annotations.putAll(target.getAnnotations());
        target.setAnnotations(annotations);
        if (target.getOwnerReferences().isEmpty()) {
            target.setOwnerReferences(source.getOwnerReferences());
        }

        copyStatus(stored, merged);
        if (merged instanceof Pod) {
            Pod pod = (Pod) merged;
            String boundNode = ((Pod) stored).getSpec().getNodeName();
            if ((pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) && boundNode != null) {
                pod.getSpec().setNodeName(boundNode);
            }
        }
        if (merged instanceof Node) {
            target.setNamespace(null);
        }
        return merged;
    }

    /** Copies {@code status}, which the manifest never owns; a Lease has none. */
    private static void copyStatus(Resource from, Resource to) {
        switch (to.resourceKind()) {
            case POD:
                ((Pod) to).setStatus(Serialization.copy(((Pod) from).getStatus()));
                break;
            case NODE:
                ((Node) to).setStatus(Serialization.copy(((Node) from).getStatus()));
                break;
            case DEPLOYMENT:
                ((Deployment) to).setStatus(Serialization.copy(((Deployment) from).getStatus()));
                break;
            case REPLICA_SET:
                ((ReplicaSet) to).setStatus(Serialization.copy(((ReplicaSet) from).getStatus()));
                break;
            default:
                break;
        }
    }

    private static boolean sameContent(Resource merged, Resource stored) {
        return Serialization.json().valueToTree(merged).equals(Serialization.json().valueToTree(stored));
    }
}
