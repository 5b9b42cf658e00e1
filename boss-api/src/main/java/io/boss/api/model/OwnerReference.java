package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A link from an object to the object that owns it, such as a ReplicaSet that owns its pods.
 * Garbage collection and adoption follow the owner with {@code controller == true}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class OwnerReference {

    private String apiVersion;
    private String kind;
    private String name;
    private String uid;
    /** True on the single owner that manages this object. */
    private Boolean controller;
    private Boolean blockOwnerDeletion;

    public OwnerReference() {
    }

    /** Creates a controller reference to {@code owner}, which must already carry a uid. */
    public static OwnerReference controllerOf(Resource owner) {
        OwnerReference reference = new OwnerReference();
        reference.setApiVersion(owner.getApiVersion());
        reference.setKind(owner.getKind());
        reference.setName(owner.getMetadata().getName());
        reference.setUid(owner.getMetadata().getUid());
        reference.setController(Boolean.TRUE);
        reference.setBlockOwnerDeletion(Boolean.TRUE);
        return reference;
    }

    /** Returns true when this reference is the managing controller of the object that contains it. */
    @JsonIgnore
    public boolean isControllerReference() {
        return Boolean.TRUE.equals(controller);
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
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

    public Boolean getController() {
        return controller;
    }

    public void setController(Boolean controller) {
        this.controller = controller;
    }

    public Boolean getBlockOwnerDeletion() {
        return blockOwnerDeletion;
    }

    public void setBlockOwnerDeletion(Boolean blockOwnerDeletion) {
        this.blockOwnerDeletion = blockOwnerDeletion;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        OwnerReference that = (OwnerReference) other;
        return Objects.equals(apiVersion, that.apiVersion)
                && Objects.equals(kind, that.kind)
                && Objects.equals(name, that.name)
                && Objects.equals(uid, that.uid)
                && Objects.equals(controller, that.controller)
                && Objects.equals(blockOwnerDeletion, that.blockOwnerDeletion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiVersion, kind, name, uid, controller, blockOwnerDeletion);
    }
}
