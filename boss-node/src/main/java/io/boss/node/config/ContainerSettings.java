package io.boss.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/** Settings of the {@code container} provider, which drives podman through its CLI. */
public class ContainerSettings extends ProviderSettings {

    /** The OCI runtime podman uses; runc, because crun rejects hosts with hybrid cgroups. */
    @NotEmpty
    @JsonProperty
    private String runtime = "runc";

    /** The --ulimit values every container gets; podman's defaults fail where root cannot raise limits. */
    @NotNull
    @JsonProperty
    private List<String> ulimits = new ArrayList<>(List.of("nofile=20000:20000", "nproc=32768:32768"));

    public String getRuntime() {
        return runtime;
    }

    public List<String> getUlimits() {
        return ulimits;
    }
}
