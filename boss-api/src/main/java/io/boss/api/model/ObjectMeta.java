package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Metadata every object carries. The server sets {@code uid}, {@code resourceVersion},
 * {@code generation}, {@code creationTimestamp} and {@code deletionTimestamp}; clients set the
 * rest.
 *
 * <p>{@code resourceVersion} is the decimal text of the store revision that last changed the
 * object, kept as a string as Kubernetes does. Label, annotation and owner collections are never
 * null: a setter given null stores an empty collection.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ObjectMeta {

    private String name;
    private String namespace;
    private String uid;
    private String resourceVersion;
    private long generation;
    private Instant creationTimestamp;
    private Instant deletionTimestamp;
    private Map<String, String> labels = new LinkedHashMap<>();
    private Map<String, String> annotations = new LinkedHashMap<>();
    private List<OwnerReference> ownerReferences = new ArrayList<>();

    public ObjectMeta() {
    }

    /** Creates metadata with a namespace and name; pass a null namespace for a cluster-scoped object. */
    public ObjectMeta(String namespace, String name) {
        this.namespace = namespace;
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getUid() {
        return uid;
    }

    public void setUid(String uid) {
        this.uid = uid;
    }

    public String getResourceVersion() {
        return resourceVersion;
    }

    public void setResourceVersion(String resourceVersion) {
        this.resourceVersion = resourceVersion;
    }

    public long getGeneration() {
        return generation;
    }

    public void setGeneration(long generation) {
        this.generation = generation;
    }

    public Instant getCreationTimestamp() {
        return creationTimestamp;
    }

    public void setCreationTimestamp(Instant creationTimestamp) {
        this.creationTimestamp = creationTimestamp;
    }

    public Instant getDeletionTimestamp() {
        return deletionTimestamp;
    }

    public void setDeletionTimestamp(Instant deletionTimestamp) {
        this.deletionTimestamp = deletionTimestamp;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(labels);
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations == null ? new LinkedHashMap<>() : new LinkedHashMap<>(annotations);
    }

    public List<OwnerReference> getOwnerReferences() {
        return ownerReferences;
    }

    public void setOwnerReferences(List<OwnerReference> ownerReferences) {
        this.ownerReferences = ownerReferences == null ? new ArrayList<>() : new ArrayList<>(ownerReferences);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof ObjectMeta)) {
            return false;
        }
        ObjectMeta that = (ObjectMeta) other;
        return generation == that.generation
                && Objects.equals(name, that.name)
                && Objects.equals(namespace, that.namespace)
                && Objects.equals(uid, that.uid)
                && Objects.equals(resourceVersion, that.resourceVersion)
                && Objects.equals(creationTimestamp, that.creationTimestamp)
                && Objects.equals(deletionTimestamp, that.deletionTimestamp)
                && Objects.equals(labels, that.labels)
                && Objects.equals(annotations, that.annotations)
                && Objects.equals(ownerReferences, that.ownerReferences);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, namespace, uid, resourceVersion, generation, creationTimestamp,
                deletionTimestamp, labels, annotations, ownerReferences);
    }
}
