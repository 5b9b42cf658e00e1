package io.boss.runtime.vm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A disk image file and its QEMU format: {@code qcow2} when the file starts with the qcow2 magic
 * bytes, else {@code raw}. Naming the format stops QEMU from probing it, which for a raw image
 * prints a warning and restricts writes to the first sector.
 */
record DiskImage(Path path, String format) {

    private static final byte[] QCOW2_MAGIC = {'Q', 'F', 'I', (byte) 0xfb};

    static DiskImage of(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(QCOW2_MAGIC.length);
            return new DiskImage(path, Arrays.equals(head, QCOW2_MAGIC) ? "qcow2" : "raw");
        }
    }
}
