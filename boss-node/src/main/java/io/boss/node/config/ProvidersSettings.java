package io.boss.node.config;

import com.fasterxml.jackson.annotation.JsonMerge;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The built-in providers the agent registers, in the order it prefers them. Each provider's
 * settings merge into its defaults, so {@code microvm: {kernel: ...}} keeps microvm's 128 MiB.
 */
public class ProvidersSettings {

    /** Host processes in their own session and process group (isolation sharedHost). */
    @Valid
    @NotNull
    @JsonProperty
    @JsonMerge
    private ProviderSettings process = new ProviderSettings(true);

    /**
     * Processes in their own Linux namespaces through bubblewrap (isolation namespaced). When
     * bwrap is missing the provider is still reported, as unhealthy with the reason.
     */
    @Valid
    @NotNull
    @JsonProperty
    @JsonMerge
    private ProviderSettings namespaced = new ProviderSettings(true);

    /** WASI modules run by Chicory inside the agent's JVM (isolation runtimeSandboxed). */
    @Valid
    @NotNull
    @JsonProperty
    @JsonMerge
    private WasmSettings wasm = new WasmSettings();

    /** Containers run by podman with runc (isolation namespaced). Unhealthy when podman is missing. */
    @Valid
    @NotNull
    @JsonProperty
    @JsonMerge
    private ContainerSettings container = new ContainerSettings();

    /** QEMU virtual machines, class vm (isolation kernelIsolated, or hardwareVirtualized with KVM). */
    @Valid
    @NotNull
    @JsonProperty
    @JsonMerge
    private VmSettings vm = new VmSettings("q35", 256);

    /**
     * Smaller QEMU virtual machines, class microvm. The q35 machine by default, because QEMU's
     * microvm machine does not boot Debian's kernel under software emulation.
     */
    @Valid
    @NotNull
    @JsonProperty
    @JsonMerge
    private VmSettings microvm = new VmSettings("q35", 128);

    /** The size in MiB above which the node's artifact cache evicts its least recently used files. */
    @Min(1)
    @JsonProperty
    private long artifactCacheMaxMb = 2048;

    public ProviderSettings getProcess() {
        return process;
    }

    public void setProcess(ProviderSettings process) {
        this.process = process;
    }

    public WasmSettings getWasm() {
        return wasm;
    }

    public ContainerSettings getContainer() {
        return container;
    }

    public VmSettings getVm() {
        return vm;
    }

    public VmSettings getMicrovm() {
        return microvm;
    }

    public long getArtifactCacheMaxMb() {
        return artifactCacheMaxMb;
    }

    public ProviderSettings getNamespaced() {
        return namespaced;
    }

    public void setNamespaced(ProviderSettings namespaced) {
        this.namespaced = namespaced;
    }
}
