package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The sandbox providers of a node and what each reported in its last self-check. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class RuntimeCapabilities {

    private List<ProviderStatus> providers = new ArrayList<>();

    public RuntimeCapabilities() {
    }

    public List<ProviderStatus> getProviders() {
        return providers;
    }

    public void setProviders(List<ProviderStatus> providers) {
        this.providers = providers == null ? new ArrayList<>() : new ArrayList<>(providers);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        RuntimeCapabilities that = (RuntimeCapabilities) other;
        return Objects.equals(providers, that.providers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(providers);
    }
}
