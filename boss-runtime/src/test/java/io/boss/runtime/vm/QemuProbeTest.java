package io.boss.runtime.vm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probes that decide whether QEMU runs guests here, run against the installed QEMU. */
class QemuProbeTest {

    @TempDir
    Path dir;

    private Path qemu;

    @BeforeEach
    void findQemu() {
        Optional<Path> installed = Stream.of(System.getenv("PATH").split(":"))
                .map(directory -> Path.of(directory, "qemu-system-x86_64"))
                .filter(Files::isExecutable)
                .findFirst();
        assumeTrue(installed.isPresent(), "qemu-system-x86_64 is not installed");
        qemu = installed.get();
    }

    @Test
    void bootSectorRunsUnderTcg() {
        QemuProbe.Result result = QemuProbe.run(qemu, "tcg", dir, Duration.ofSeconds(20));

        assertTrue(result.passed(), result.detail());
    }

    @Test
    void kernelProbeRejectsInvalidKernel() throws Exception {
        Path notAKernel = Files.write(dir.resolve("vmlinuz"), QemuProbe.bootSector());

        QemuProbe.Result result = QemuProbe.runKernel(qemu, notAKernel, dir, Duration.ofSeconds(10));

        assertFalse(result.passed());
        assertTrue(result.detail().contains("kvm"), result.detail());
    }
}
