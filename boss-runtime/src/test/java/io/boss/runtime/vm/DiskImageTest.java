package io.boss.runtime.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.boss.runtime.host.Executables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Disk images made by qemu-img: a qcow2 image that names another host file must be rejected. */
class DiskImageTest {

    @TempDir
    Path dir;

    private Path raw;

    @BeforeEach
    void createRawImage() throws Exception {
        raw = dir.resolve("disk.raw");
        Files.write(raw, new byte[1 << 20]);
    }

    @Test
    void rawImageIsRaw() throws Exception {
        assertEquals("raw", DiskImage.of(raw).format());
    }

    @Test
    void selfContainedQcow2IsAccepted() throws Exception {
        Path qcow2 = dir.resolve("disk.qcow2");
        qemuImg("convert", "-f", "raw", "-O", "qcow2", raw.toString(), qcow2.toString());

        assertEquals("qcow2", DiskImage.of(qcow2).format());
    }

    @Test
    void qcow2WithBackingFileIsRejected() throws Exception {
        Path overlay = dir.resolve("overlay.qcow2");
        qemuImg("create", "-f", "qcow2", "-F", "raw", "-b", raw.toString(), overlay.toString());

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> DiskImage.of(overlay));

        assertTrue(error.getMessage().contains("backing file"), error.getMessage());
    }

    @Test
    void qcow2WithExternalDataFileIsRejected() throws Exception {
        Path image = dir.resolve("external.qcow2");
        qemuImg("create", "-f", "qcow2", "-o", "data_file=" + dir.resolve("data.raw"), image.toString(), "1M");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> DiskImage.of(image));

        assertTrue(error.getMessage().contains("external file"), error.getMessage());
    }

    private static void qemuImg(String... arguments) throws Exception {
        Path qemuImg = Executables.resolve("qemu-img", System.getenv("PATH"), Path.of("/")).orElse(null);
        assumeTrue(qemuImg != null, "qemu-img not installed (apt-get install qemu-utils), skipping");
        List<String> command = new ArrayList<>(List.of(qemuImg.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "qemu-img timed out");
        assertEquals(0, process.exitValue(), "qemu-img " + String.join(" ", arguments) + ": " + output);
    }
}
