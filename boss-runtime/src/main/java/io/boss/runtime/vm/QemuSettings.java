package io.boss.runtime.vm;

import io.boss.api.model.SandboxClass;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of one QEMU provider.
 *
 * @param name the provider's name, {@code vm} or {@code microvm} by default
 * @param sandboxClass the class it serves
 * @param machine the QEMU machine type: {@code q35} for a PC with ACPI, or {@code microvm}
 * @param kernel the guest kernel (a bzImage such as Debian's vmlinuz) every VM boots
 * @param diskInitrd the initramfs that mounts a {@code diskImage} artifact as the root file system
 *     and starts its {@code /init}, built for {@code kernel}; null when diskImage artifacts are not
 *     offered
 * @param memoryMb the guest memory of each VM in MiB
 * @param cpus the virtual CPUs of each VM
 * @param maxVms the maximum number of VMs this provider runs at once; the reported capacity is lower
 *     when the host's available memory has room for fewer
 * @param searchPath the directories searched for {@code qemu-system-x86_64}, in PATH syntax
 * @param capabilitiesRefresh how long a self-check result is reused
 */
public record QemuSettings(
        String name,
        SandboxClass sandboxClass,
        String machine,
        Path kernel,
        Path diskInitrd,
        int memoryMb,
        int cpus,
        int maxVms,
        String searchPath,
        Duration capabilitiesRefresh) {

    public QemuSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sandboxClass, "sandboxClass");
        Objects.requireNonNull(machine, "machine");
        if (memoryMb < 16) {
            throw new IllegalArgumentException("VM memoryMb must be at least 16, got " + memoryMb);
        }
        if (cpus < 1 || maxVms < 1) {
            throw new IllegalArgumentException("VM cpus and maxVms must be at least 1, got " + cpus + " and " + maxVms);
        }
    }

    /** Returns the settings of the {@code vm} provider: a q35 PC with 256 MiB and one CPU. */
    public static QemuSettings vm(Path kernel) {
        return new QemuSettings("vm", SandboxClass.VM, "q35", kernel, null, 256, 1, 16, System.getenv("PATH"),
                Duration.ofSeconds(10));
    }

    /**
     * Returns the settings of the {@code microvm} provider: 128 MiB and one CPU on the q35
     * machine. QEMU 7.2's {@code microvm} machine stops at timer calibration when it boots
     * Debian's 6.1 kernel under TCG, so it is not the default; set {@code machine} to
     * {@code microvm} where it boots.
     */
    public static QemuSettings microvm(Path kernel) {
        return new QemuSettings("microvm", SandboxClass.MICROVM, "q35", kernel, null, 128, 1, 16,
                System.getenv("PATH"), Duration.ofSeconds(10));
    }

    /** Returns a copy with another search path, for tests. */
    public QemuSettings withSearchPath(String value) {
        return new QemuSettings(name, sandboxClass, machine, kernel, diskInitrd, memoryMb, cpus, maxVms, value,
                capabilitiesRefresh);
    }

    /** Returns a copy that offers {@code diskImage} artifacts, booted through {@code initrd}. */
    public QemuSettings withDiskInitrd(Path initrd) {
        return new QemuSettings(name, sandboxClass, machine, kernel, initrd, memoryMb, cpus, maxVms, searchPath,
                capabilitiesRefresh);
    }
}
