package io.boss.runtime.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The files of one sandbox under its provider's state directory. The supervisor shell writes
 * {@code pid} when it starts and {@code exit} when the workload ends, each through a temporary
 * file and a rename, so a reader never sees a partial value.
 *
 * @param dir the sandbox's directory, {@code <stateDir>/<provider>/<sandboxId>}
 */
public record SandboxFiles(Path dir) {

    public Path record() {
        return dir.resolve("sandbox.properties");
    }

    public Path output() {
        return dir.resolve("output.log");
    }

    public Path pidFile() {
        return dir.resolve("pid");
    }

    public Path exitFile() {
        return dir.resolve("exit");
    }

    /** Returns the workload's working directory. */
    public Path work() {
        return dir.resolve("work");
    }

    /**
     * Reads the record; empty when the sandbox has none. An empty file counts as no record, because
     * a host crash can leave a record that was written without fsync empty.
     */
    public Optional<SandboxRecord> readRecord() throws IOException {
        try {
            String text = Files.readString(record());
            return text.isBlank() ? Optional.empty() : Optional.of(SandboxRecordCodec.decode(text));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid sandbox record " + record() + ": " + e.getMessage(), e);
        }
    }

    /** Writes the record durably: to a temporary file, fsynced, then renamed over the old one. */
    public void writeRecord(SandboxRecord sandboxRecord) throws IOException {
        writeRecord(sandboxRecord, true);
    }

    /**
     * Writes the record to a temporary file and renames it over the old one, so a reader sees the
     * old or the new record, never a mix. The file is fsynced before the rename only when
     * {@code durable} is true. Without it the record survives an agent crash, because it is in the
     * page cache, but a host crash may leave it missing or empty.
     */
    public void writeRecord(SandboxRecord sandboxRecord, boolean durable) throws IOException {
        Files.createDirectories(dir);
        Path temp = dir.resolve("sandbox.properties.tmp");
        byte[] bytes = SandboxRecordCodec.encode(sandboxRecord).getBytes(StandardCharsets.ISO_8859_1);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(bytes));
            if (durable) {
                channel.force(true);
            }
        }
        Files.move(temp, record(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Reads a number the supervisor wrote; empty when the file does not exist yet. */
    public static Optional<Long> readNumber(Path file) throws IOException {
        try {
            String text = Files.readString(file).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (NumberFormatException e) {
            throw new IOException(file + " does not contain a number: " + e.getMessage(), e);
        }
    }

    /** Deletes the sandbox's directory and everything in it; a missing directory is fine. */
    public void deleteAll() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
