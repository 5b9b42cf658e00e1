package io.boss.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether one built-in provider runs on this node. */
public class ProviderSettings {

    /** Whether the provider is registered; a disabled provider is not reported and never chosen. */
    @JsonProperty
    private boolean enabled = true;

    public ProviderSettings() {
    }

    public ProviderSettings(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
