package io.boss.runtime.vm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds the QEMU command line of one VM sandbox. */
final class QemuCommand {

    /** Kernel arguments: serial console, few boot messages, and no reboot loop after a panic. */
    static final String KERNEL_ARGUMENTS = "console=ttyS0 quiet panic=-1";

    private QemuCommand() {
    }

    /**
     * Returns the argv: the machine with its accelerator, memory and CPUs, no default devices and
     * no network, the serial console on stdout, no reboot (a guest reboot ends QEMU), the kernel
     * and initramfs, and the {@code isa-debug-exit} device through which the guest reports its
     * exit code. A {@code disk} (null for none) becomes a virtio disk whose writes go to a
     * temporary overlay, so the cached artifact never changes, and the kernel argument
     * {@code boss.root} names it for the initramfs.
     */
    static List<String> build(Path qemu, QemuSettings settings, boolean kvm, Path initrd, DiskImage disk) {
        String accelerator = kvm ? "kvm" : "tcg";
        String machine = settings.machine().equals("microvm")
                ? "microvm,accel=" + accelerator + ",pit=on,pic=on,rtc=on"
                : settings.machine() + ",accel=" + accelerator;
        List<String> argv = new ArrayList<>(List.of(qemu.toString(),
                "-machine", machine,
                "-m", Integer.toString(settings.memoryMb()),
                "-smp", Integer.toString(settings.cpus()),
                "-nodefaults", "-no-user-config",
                "-display", "none",
                "-serial", "stdio",
                "-monitor", "none",
                "-no-reboot",
                "-nic", "none",
                "-kernel", settings.kernel().toAbsolutePath().toString(),
                "-initrd", initrd.toAbsolutePath().toString(),
                "-append", disk == null ? KERNEL_ARGUMENTS : KERNEL_ARGUMENTS + " boss.root=/dev/vda",
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"));
        if (disk != null) {
            // QEMU reads a comma in an option value as a doubled comma.
            String file = disk.path().toAbsolutePath().toString().replace(",", ",,");
            argv.addAll(List.of("-drive", "file=" + file + ",if=virtio,format=" + disk.format() + ",snapshot=on"));
        }
        if (kvm) {
            argv.addAll(List.of("-cpu", "host"));
        }
        return argv;
    }
}
