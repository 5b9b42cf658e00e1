package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Metadata of a list response. {@code resourceVersion} is the store revision the list was read
 * at, so a watch started from it misses no change made after the list.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ListMeta {

    private String resourceVersion;

    public ListMeta() {
    }

    public ListMeta(String resourceVersion) {
        this.resourceVersion = resourceVersion;
    }

    public String getResourceVersion() {
        return resourceVersion;
    }

    public void setResourceVersion(String resourceVersion) {
        this.resourceVersion = resourceVersion;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ListMeta && Objects.equals(resourceVersion, ((ListMeta) other).resourceVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(resourceVersion);
    }
}
