package io.boss.runtime.vm;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Boots probe guests to learn what QEMU can run here. The first is a 512-byte guest that writes
 * one byte to the {@code isa-debug-exit} port, and passes when QEMU exits with the code that byte
 * produces: with {@code tcg} this shows that QEMU runs a guest at all. For {@code kvm} a second
 * probe boots the guest kernel itself, without a root file system, and passes when the kernel
 * prints its banner and its panic ends QEMU. The presence of {@code /dev/kvm} proves nothing: on
 * a nested hypervisor, QEMU may abort, or run the real-mode probe and then hang in the kernel's
 * switch to 64-bit mode, printing nothing.
 */
final class QemuProbe {

    /** The byte the guest writes; QEMU then exits with {@code (byte << 1) | 1}. */
    private static final int PROBE_BYTE = 0x2a;
    private static final int EXPECTED_EXIT_CODE = (PROBE_BYTE << 1) | 1;

    /** The result of one probe: passed, or the reason it did not. */
    record Result(boolean passed, String detail) {
    }

    private QemuProbe() {
    }

    /**
     * Boots the probe guest with the given accelerator ({@code tcg} or {@code kvm}) and waits up
     * to {@code timeout}.
     */
    static Result run(Path qemu, String accelerator, Path workDir, Duration timeout) {
        try {
            Files.createDirectories(workDir);
            Path image = workDir.resolve("probe-" + accelerator + ".img");
            Files.write(image, bootSector());
            Path log = workDir.resolve("probe-" + accelerator + ".log");
            List<String> command = new ArrayList<>(List.of(qemu.toString(),
                    "-machine", "pc,accel=" + accelerator, "-m", "16", "-nodefaults", "-no-user-config",
                    "-display", "none", "-serial", "none", "-monitor", "none", "-no-reboot",
                    "-drive", "file=" + image + ",format=raw,if=ide",
                    "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"));
            if (accelerator.equals("kvm")) {
                // The CPU model VMs use under KVM; a nested hypervisor that cannot set its MSRs fails here.
                command.addAll(List.of("-cpu", "host"));
            }

            OptionalInt code = boot(command, log, timeout);
            if (code.isEmpty()) {
                return new Result(false, "the " + accelerator + " probe guest did not finish within "
                        + timeout.toSeconds() + " s");
            }
            if (code.getAsInt() != EXPECTED_EXIT_CODE) {
                String output = Files.readString(log, StandardCharsets.UTF_8).strip();
                return new Result(false, "qemu with " + accelerator + " exited with code " + code.getAsInt() + ": " + output);
            }
            return new Result(true, "ok");
        } catch (IOException e) {
            return new Result(false, "cannot run qemu: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }

    /**
     * Boots {@code kernel} under KVM with no root file system and waits up to {@code timeout} for
     * the kernel to print its banner, panic and so end QEMU ({@code panic=-1} with
     * {@code -no-reboot}).
     */
    static Result runKernel(Path qemu, Path kernel, Path workDir, Duration timeout) {
        try {
            Files.createDirectories(workDir);
            Path console = workDir.resolve("probe-kvm-kernel.log");
            Files.deleteIfExists(console);
            List<String> command = List.of(qemu.toString(),
                    "-machine", "pc,accel=kvm", "-cpu", "host", "-m", "128", "-nodefaults", "-no-user-config",
                    "-display", "none", "-serial", "file:" + console, "-monitor", "none", "-no-reboot",
                    "-kernel", kernel.toAbsolutePath().toString(),
                    "-append", "console=ttyS0 panic=-1 root=/dev/null");

            OptionalInt code = boot(command, workDir.resolve("probe-kvm-kernel.stderr"), timeout);
            if (code.isEmpty()) {
                return new Result(false, "the guest kernel printed nothing and did not finish within "
                        + timeout.toSeconds() + " s under kvm");
            }
            String output = Files.exists(console) ? Files.readString(console, StandardCharsets.ISO_8859_1) : "";
            if (!output.contains("Linux version")) {
                return new Result(false, "qemu with kvm exited with code " + code.getAsInt()
                        + " before the guest kernel printed its banner");
            }
            return new Result(true, "ok");
        } catch (IOException e) {
            return new Result(false, "cannot run qemu: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }

    /**
     * Runs QEMU with its output in {@code output} and returns its exit code, or empty when it did
     * not end within {@code timeout}. A QEMU still running on return is killed, and so is one still
     * running when the agent shuts down, because a probe guest that hangs keeps a core busy.
     */
    private static OptionalInt boot(List<String> command, Path output, Duration timeout)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectInput(Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        Thread killOnShutdown = new Thread(process::destroyForcibly, "qemu-probe-kill");
        Runtime.getRuntime().addShutdownHook(killOnShutdown);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(process.exitValue());
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            removeShutdownHook(killOnShutdown);
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs anyway and kills a process that has already ended.
        }
    }

    /** Returns a boot sector: {@code mov al, 0x2a; out 0xf4, al; hlt; jmp $-1}, padded and signed. */
    static byte[] bootSector() {
        byte[] sector = new byte[512];
        byte[] code = {(byte) 0xb0, (byte) PROBE_BYTE, (byte) 0xe6, (byte) 0xf4, (byte) 0xf4, (byte) 0xeb,
            (byte) 0xfd};
        System.arraycopy(code, 0, sector, 0, code.length);
        sector[510] = 0x55;
        sector[511] = (byte) 0xaa;
        return sector;
    }
}
