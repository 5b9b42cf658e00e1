package io.boss.runtime.vm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A disk image file and its QEMU format: {@code qcow2} when the file starts with the qcow2 magic
 * bytes, else {@code raw}. Naming the format stops QEMU from probing it, which for a raw image
 * prints a warning and restricts writes to the first sector.
 *
 * <p>A qcow2 image may name a backing file or an external data file in its header, and QEMU,
 * which runs as the agent's user, would open that host path for the guest to read. The artifact
 * digest covers only the image itself, so such images are rejected: a pod could otherwise read
 * any host file through its disk.
 */
record DiskImage(Path path, String format) {

    private static final int QCOW2_MAGIC = 0x514649fb;
    /** Header bytes read: up to and including the incompatible feature bits of a version 3 header. */
    private static final int HEADER_BYTES = 80;
    private static final int BACKING_FILE_OFFSET_AT = 8;
    private static final int INCOMPATIBLE_FEATURES_AT = 72;
    private static final long EXTERNAL_DATA_FILE_BIT = 1L << 2;

    /**
     * Returns the image with its format.
     *
     * @throws IllegalArgumentException for a qcow2 image that names another file
     */
    static DiskImage of(Path path) throws IOException {
        byte[] header;
        try (InputStream in = Files.newInputStream(path)) {
            header = in.readNBytes(HEADER_BYTES);
        }
        ByteBuffer buffer = ByteBuffer.wrap(header);
        if (header.length < 4 || buffer.getInt(0) != QCOW2_MAGIC) {
            return new DiskImage(path, "raw");
        }

        if (header.length < INCOMPATIBLE_FEATURES_AT + 8) {
            throw new IllegalArgumentException("the qcow2 header is truncated, so the file is not a valid qcow2 image");
        }
        int version = buffer.getInt(4);
        if (buffer.getLong(BACKING_FILE_OFFSET_AT) != 0) {
            throw new IllegalArgumentException("the qcow2 image names a backing file; flatten it into a "
                    + "self-contained image with qemu-img convert");
        }
        if (version >= 3 && (buffer.getLong(INCOMPATIBLE_FEATURES_AT) & EXTERNAL_DATA_FILE_BIT) != 0) {
            throw new IllegalArgumentException("the qcow2 image keeps its data in an external file; convert it "
                    + "into a self-contained image with qemu-img convert");
        }
        return new DiskImage(path, "qcow2");
    }
}
