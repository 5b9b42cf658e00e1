package io.boss.node.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/** Settings of a QEMU provider ({@code vm} or {@code microvm}). */
public class VmSettings extends ProviderSettings {

    /** The guest kernel every VM boots; examples/vm/build.sh writes one. Null reports the provider unhealthy. */
    @JsonProperty
    private String kernel;

    /**
     * The initramfs that mounts a diskImage artifact as the guest's root file system, built for
     * {@code kernel}; examples/vm/build.sh writes one. Null offers no diskImage artifacts.
     */
    @JsonProperty
    private String diskInitrd;

    /** The QEMU machine type: q35, pc or microvm. */
    @Pattern(regexp = "q35|pc|microvm", message = "must be q35, pc or microvm")
    @JsonProperty
    private String machine;

    /** Guest memory of each VM in MiB. */
    @Min(16)
    @Max(65536)
    @JsonProperty
    private int memoryMb;

    /** Virtual CPUs of each VM. */
    @Min(1)
    @Max(64)
    @JsonProperty
    private int cpus = 1;

    /** The maximum number of VMs at once; the reported capacity is lower when available memory has room for fewer. */
    @Min(1)
    @Max(1000)
    @JsonProperty
    private int maxVms = 16;

    public VmSettings() {
        this("q35", 256);
    }

    public VmSettings(String machine, int memoryMb) {
        this.machine = machine;
        this.memoryMb = memoryMb;
    }

    public String getKernel() {
        return kernel;
    }

    public void setKernel(String kernel) {
        this.kernel = kernel;
    }

    public String getDiskInitrd() {
        return diskInitrd;
    }

    public void setDiskInitrd(String diskInitrd) {
        this.diskInitrd = diskInitrd;
    }

    public String getMachine() {
        return machine;
    }

    public int getMemoryMb() {
        return memoryMb;
    }

    public int getCpus() {
        return cpus;
    }

    public int getMaxVms() {
        return maxVms;
    }
}
