package io.boss.server.informer;

import io.boss.api.model.OwnerReference;
import io.boss.api.model.Pod;
import io.boss.api.model.Resource;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Names and functions of the standard {@link Indexer} indexes. */
public final class Indexers {

    /** Index of objects by {@code metadata.namespace}; a cluster-scoped object has the value "". */
    public static final String NAMESPACE = "namespace";
    /** Index of objects by each label, as {@code key=value}. */
    public static final String LABEL = "label";
    /** Index of objects by the uid of each owner reference. */
    public static final String OWNER_UID = "ownerUid";
    /** Index of pods by {@code spec.nodeName}; an unbound pod has the value "". */
    public static final String NODE_NAME = "nodeName";

    private Indexers() {
    }

    /** Returns an indexer with the namespace, label and owner-uid indexes. */
    public static <T extends Resource> Indexer<T> standard() {
        return new Indexer<T>()
                .addIndex(NAMESPACE, Indexers.byNamespace())
                .addIndex(LABEL, Indexers.byLabel())
                .addIndex(OWNER_UID, Indexers.byOwnerUid());
    }

    /** Returns an indexer for pods with the standard indexes and the node-name index. */
    public static Indexer<Pod> forPods() {
        return Indexers.<Pod>standard().addIndex(NODE_NAME, Indexers.byNodeName());
    }

    /** Returns the index value for one label. */
    public static String labelValue(String key, String value) {
        return key + "=" + value;
    }

    public static <T extends Resource> Function<T, Collection<String>> byNamespace() {
        return object -> {
            String namespace = object.getMetadata().getNamespace();
            return List.of(namespace == null ? "" : namespace);
        };
    }

    public static <T extends Resource> Function<T, Collection<String>> byLabel() {
        return object -> {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, String> label : object.getMetadata().getLabels().entrySet()) {
                values.add(labelValue(label.getKey(), label.getValue()));
            }
            return values;
        };
    }

    public static <T extends Resource> Function<T, Collection<String>> byOwnerUid() {
        return object -> {
            List<String> values = new ArrayList<>();
            for (OwnerReference owner : object.getMetadata().getOwnerReferences()) {
                if (owner.getUid() != null) {
                    values.add(owner.getUid());
                }
            }
            return values;
        };
    }

    public static Function<Pod, Collection<String>> byNodeName() {
        return pod -> {
            String nodeName = pod.getSpec().getNodeName();
            return List.of(nodeName == null ? "" : nodeName);
        };
    }
}
