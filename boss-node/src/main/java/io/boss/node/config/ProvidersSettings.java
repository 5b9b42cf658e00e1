package io.boss.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The built-in providers the agent registers, in the order it prefers them. */
public class ProvidersSettings {

    /** Host processes in their own session and process group (isolation sharedHost). */
    @Valid
    @NotNull
    @JsonProperty
    private ProviderSettings process = new ProviderSettings(true);

    /**
     * Processes in their own Linux namespaces through bubblewrap (isolation namespaced). When
     * bwrap is missing the provider is still reported, as unhealthy with the reason.
     */
    @Valid
    @NotNull
    @JsonProperty
    private ProviderSettings namespaced = new ProviderSettings(true);

    public ProviderSettings getProcess() {
        return process;
    }

    public void setProcess(ProviderSettings process) {
        this.process = process;
    }

    public ProviderSettings getNamespaced() {
        return namespaced;
    }

    public void setNamespaced(ProviderSettings namespaced) {
        this.namespaced = namespaced;
    }
}
