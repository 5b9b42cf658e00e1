package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A reference to one object by kind, namespace, name and uid, such as the object an
 * {@link Event} is about. {@code namespace} is empty for a cluster-scoped kind.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ObjectReference {

    private String kind;
    private String namespace;
    private String name;
    private String uid;

    public ObjectReference() {
    }

    public ObjectReference(String kind, String namespace, String name, String uid) {
        this.kind = kind;
        this.namespace = namespace;
        this.name = name;
        this.uid = uid;
    }

    /** Returns a reference to {@code object} as it is now: its kind, namespace, name and uid. */
    public static ObjectReference of(Resource object) {
        ObjectMeta metadata = object.getMetadata();
        String namespace = object.resourceKind().namespaced() ? metadata.getNamespace() : null;
        return new ObjectReference(object.resourceKind().kind(), namespace, metadata.getName(), metadata.getUid());
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUid() {
        return uid;
    }

    public void setUid(String uid) {
        this.uid = uid;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof ObjectReference that
                && Objects.equals(kind, that.kind)
                && Objects.equals(namespace, that.namespace)
                && Objects.equals(name, that.name)
                && Objects.equals(uid, that.uid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, namespace, name, uid);
    }

    @Override
    public String toString() {
        String key = namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
        return kind + "/" + key;
    }
}
