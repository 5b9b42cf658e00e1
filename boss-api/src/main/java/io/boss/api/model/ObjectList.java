package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.boss.api.ResourceKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A list response: {@code {apiVersion, kind: "<Kind>List", metadata: {resourceVersion}, items}}.
 * {@code items} is written even when empty so that clients always find the field. To read one,
 * use {@link io.boss.api.json.Serialization#listType(Class)}.
 *
 * @param <T> the kind of the items
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "items"})
public class ObjectList<T extends Resource> {

    private String apiVersion = Resource.API_VERSION;
    private String kind;
    private ListMeta metadata = new ListMeta();
    @JsonInclude(JsonInclude.Include.ALWAYS)
    private List<T> items = new ArrayList<>();

    public ObjectList() {
    }

    /** Creates a list of {@code kind} read at the store revision {@code resourceVersion}. */
    public ObjectList(ResourceKind kind, List<T> items, String resourceVersion) {
        this.kind = kind.listKind();
        this.items = new ArrayList<>(items);
        this.metadata = new ListMeta(resourceVersion);
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

    public ListMeta getMetadata() {
        return metadata;
    }

    public void setMetadata(ListMeta metadata) {
        this.metadata = metadata == null ? new ListMeta() : metadata;
    }

    public List<T> getItems() {
        return items;
    }

    public void setItems(List<T> items) {
        this.items = items == null ? new ArrayList<>() : new ArrayList<>(items);
    }

    /** Returns the store revision the list was read at, or null if the server sent none. */
    public String resourceVersion() {
        return metadata.getResourceVersion();
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        ObjectList<?> that = (ObjectList<?>) other;
        return Objects.equals(apiVersion, that.apiVersion)
                && Objects.equals(kind, that.kind)
                && Objects.equals(metadata, that.metadata)
                && Objects.equals(items, that.items);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiVersion, kind, metadata, items);
    }
}
