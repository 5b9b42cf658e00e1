package io.boss.runtime.vm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Writes a cpio archive in the "newc" format that the Linux kernel unpacks as an initramfs. The
 * kernel unpacks concatenated archives in order, so an archive appended to a base initramfs adds
 * or replaces files in it.
 */
final class NewcArchive {

    private static final int DIRECTORY = 0040000;
    private static final int REGULAR_FILE = 0100000;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int nextInode = 1;

    /** Adds a directory with permission bits {@code mode}, such as {@code 0755}. */
    NewcArchive directory(String path, int mode) {
        entry(path, DIRECTORY | mode, 2, new byte[0]);
        return this;
    }

    /** Adds a regular file with permission bits {@code mode}. */
    NewcArchive file(String path, int mode, String content) {
        entry(path, REGULAR_FILE | mode, 1, content.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Ends the archive with its trailer entry and returns its bytes. */
    byte[] finish() {
        entry("TRAILER!!!", 0, 1, new byte[0]);
        return out.toByteArray();
    }

    private void entry(String name, int mode, int links, byte[] data) {
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder("070701");
        int inode = name.equals("TRAILER!!!") ? 0 : nextInode++;
        for (long field : new long[] {inode, mode, 0, 0, links, 0, data.length, 0, 0, 0, 0, nameBytes.length, 0}) {
            header.append(String.format(Locale.ROOT, "%08x", field));
        }
        out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(nameBytes);
        pad();
        out.writeBytes(data);
        pad();
    }

    /** Pads to a multiple of 4 bytes, as newc requires after each header plus name and after each file's data. */
    private void pad() {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
    }
}
