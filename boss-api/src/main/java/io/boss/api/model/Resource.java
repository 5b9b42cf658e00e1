package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.boss.api.ResourceKind;
import java.util.Objects;

/**
 * Base of every stored object: {@code apiVersion}, {@code kind} and {@code metadata}. Subclasses
 * add a typed {@code spec} and, where the kind has one, a {@code status}.
 *
 * <p>{@code kind} is a plain property set by each subclass constructor, so a body that names the
 * wrong kind still deserializes and validation reports the mismatch. {@code metadata} is never
 * null on a newly constructed object.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec", "status"})
public abstract class Resource {

    /** The only API version this release serves. */
    public static final String API_VERSION = "boss.io/v1";

    private String apiVersion = API_VERSION;
    private String kind;
    private ObjectMeta metadata = new ObjectMeta();

    protected Resource(String kind) {
        this.kind = kind;
    }

    /** Returns the kind of this Java type, whatever {@link #getKind()} currently contains. */
    @JsonIgnore
    public abstract ResourceKind resourceKind();

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

    public ObjectMeta getMetadata() {
        return metadata;
    }

    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    /** Returns {@code namespace/name}, or just the name for a cluster-scoped or unnamed object. */
    @JsonIgnore
    public String key() {
        if (metadata == null) {
            return "";
        }
        String name = Objects.toString(metadata.getName(), "");
        String namespace = metadata.getNamespace();
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        Resource that = (Resource) other;
        return Objects.equals(apiVersion, that.apiVersion)
                && Objects.equals(kind, that.kind)
                && Objects.equals(metadata, that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiVersion, kind, metadata);
    }

    @Override
    public String toString() {
        return kind + " " + key();
    }
}
