package io.boss.runtime.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Builds a root file system tar with the host's static busybox, as examples/container does. */
final class BusyboxImage {

    static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final List<String> APPLETS = List.of("sh", "echo", "sleep", "cat", "env", "ls", "true", "printf");

    private BusyboxImage() {
    }

    /** Returns whether the host has busybox-static's binary. */
    static boolean available() {
        return Files.isExecutable(BUSYBOX);
    }

    /** Writes the tar to {@code dir/busybox-rootfs.tar} and returns its path. */
    static Path build(Path dir) throws IOException, InterruptedException {
        Path rootfs = dir.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("bin"));
        Files.createDirectories(rootfs.resolve("tmp"));
        Files.copy(BUSYBOX, rootfs.resolve("bin/busybox"));
        for (String applet : APPLETS) {
            Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Path tar = dir.resolve("busybox-rootfs.tar");
        Process process = new ProcessBuilder("tar", "-C", rootfs.toString(), "-cf", tar.toString(), ".")
                .inheritIO().start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("tar failed to pack " + rootfs);
        }
        return tar;
    }
}
