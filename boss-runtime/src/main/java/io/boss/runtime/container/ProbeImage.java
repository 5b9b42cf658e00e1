package io.boss.runtime.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The root file system of the image the self-check runs: a tar archive holding one file,
 * {@code /true}, a static x86-64 Linux executable of 129 bytes that calls {@code exit(0)}. Built
 * here so the check needs neither a registry nor an image on the host.
 */
final class ProbeImage {

    private static final long BASE_ADDRESS = 0x400000;
    private static final int ELF_HEADER_BYTES = 64;
    private static final int PROGRAM_HEADER_BYTES = 56;
    /** {@code mov eax, 60; xor edi, edi; syscall}: the exit system call with status 0. */
    private static final byte[] EXIT_ZERO = {(byte) 0xb8, 0x3c, 0x00, 0x00, 0x00, 0x31, (byte) 0xff, 0x0f, 0x05};

    private ProbeImage() {
    }

    /** Returns whether the probe executable runs on this host's architecture. */
    static boolean supported() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) || "x86_64".equals(arch);
    }

    /** Writes the tar archive to {@code file}. */
    static void writeTar(Path file) throws IOException {
        Files.write(file, tar("true", executable()));
    }

    static byte[] executable() {
        int size = ELF_HEADER_BYTES + PROGRAM_HEADER_BYTES + EXIT_ZERO.length;
        ByteBuffer elf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        elf.putShort((short) 2);
        elf.putShort((short) 0x3e);
        elf.putInt(1);
        elf.putLong(BASE_ADDRESS + ELF_HEADER_BYTES + PROGRAM_HEADER_BYTES);
        elf.putLong(ELF_HEADER_BYTES);
        elf.putLong(0);
        elf.putInt(0);
        elf.putShort((short) ELF_HEADER_BYTES);
        elf.putShort((short) PROGRAM_HEADER_BYTES);
        elf.putShort((short) 1);
        elf.putShort((short) 0);
        elf.putShort((short) 0);
        elf.putShort((short) 0);
        // One loadable, readable and executable segment: the whole file at the base address.
        elf.putInt(1);
        elf.putInt(5);
        elf.putLong(0);
        elf.putLong(BASE_ADDRESS);
        elf.putLong(BASE_ADDRESS);
        elf.putLong(size);
        elf.putLong(size);
        elf.putLong(0x1000);
        elf.put(EXIT_ZERO);
        return elf.array();
    }

    /** Returns a ustar archive with one executable regular file. */
    static byte[] tar(String name, byte[] content) {
        byte[] header = new byte[512];
        putText(header, 0, name);
        putOctal(header, 100, 8, 0755);
        putOctal(header, 108, 8, 0);
        putOctal(header, 116, 8, 0);
        putOctal(header, 124, 12, content.length);
        putOctal(header, 136, 12, 0);
        header[156] = '0';
        putText(header, 257, "ustar");
        putText(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        putOctal(header, 148, 7, checksum);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        out.writeBytes(content);
        out.writeBytes(new byte[(512 - content.length % 512) % 512]);
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private static void putText(byte[] block, int offset, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, block, offset, bytes.length);
    }

    /** Writes a zero-padded octal number followed by NUL into a field of {@code width} bytes. */
    private static void putOctal(byte[] block, int offset, int width, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(width - 1 - digits.length()) + digits;
        putText(block, offset, padded);
        block[offset + width - 1] = 0;
    }
}
