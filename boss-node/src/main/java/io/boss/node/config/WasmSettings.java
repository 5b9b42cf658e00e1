package io.boss.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Settings of the {@code wasm} provider, which runs WASI modules inside the agent's JVM. */
public class WasmSettings extends ProviderSettings {

    /** The cap on one module's linear memory in MiB; a lower memory request lowers it for that pod. */
    @Min(1)
    @Max(4096)
    @JsonProperty
    private int maxMemoryMb = 64;

    /** How many modules may run at once; also the provider's reported capacity. */
    @Min(1)
    @Max(10000)
    @JsonProperty
    private int maxModules = 256;

    public int getMaxMemoryMb() {
        return maxMemoryMb;
    }

    public int getMaxModules() {
        return maxModules;
    }
}
