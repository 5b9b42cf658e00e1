package io.boss.runtime.host;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Opens a sandbox's output file from its last lines, optionally following new output. */
public final class LogFile {

    private static final Duration FOLLOW_POLL_INTERVAL = Duration.ofMillis(100);
    private static final int SCAN_BLOCK = 8192;

    private LogFile() {
    }

    /**
     * Opens the file at the start of its last {@code tailLines} lines, or at the start when
     * {@code tailLines} is null. With {@code follow}, reads block for new output until
     * {@code finished} returns true and the rest of the file has been read. A missing file reads
     * as empty.
     */
    public static InputStream open(Path file, Integer tailLines, boolean follow, BooleanSupplier finished)
            throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.createFile(file);
        }
        RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r");
        try {
            raf.seek(tailLines == null ? 0 : startOfLastLines(raf, tailLines));
        } catch (IOException e) {
            raf.close();
            throw e;
        }
        return new FileStream(raf, follow, finished);
    }

    /**
     * Returns the offset where the last {@code lines} lines start, scanning back from the end. A
     * final newline ends the last line rather than starting an empty one.
     */
    static long startOfLastLines(RandomAccessFile raf, int lines) throws IOException {
        long length = raf.length();
        if (lines == 0) {
            return length;
        }
        long position = length;
        int newlinesToSkip = lines;
        byte[] block = new byte[SCAN_BLOCK];
        boolean atEnd = true;
        while (position > 0) {
            int size = (int) Math.min(SCAN_BLOCK, position);
            position -= size;
            raf.seek(position);
            raf.readFully(block, 0, size);
            for (int i = size - 1; i >= 0; i--) {
                if (block[i] != '\n') {
                    atEnd = false;
                    continue;
                }
                if (atEnd) {
                    atEnd = false;
                    continue;
                }
                newlinesToSkip--;
                if (newlinesToSkip == 0) {
                    return position + i + 1;
                }
            }
        }
        return 0;
    }

    /** Reads the file; at its end, either ends or polls for growth until the sandbox has finished. */
    private static final class FileStream extends InputStream {
        private final RandomAccessFile raf;
        private final boolean follow;
        private final BooleanSupplier finished;
        private volatile boolean closed;

        FileStream(RandomAccessFile raf, boolean follow, BooleanSupplier finished) {
            this.raf = raf;
            this.follow = follow;
            this.finished = finished;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int count = read(one, 0, 1);
            return count < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (!closed) {
                int count = raf.read(buffer, offset, length);
                if (count > 0 || !follow) {
                    return count;
                }
                // Check before the final read, so output written just before the exit is returned.
                if (finished.getAsBoolean()) {
                    return raf.read(buffer, offset, length);
                }
                pause();
            }
            return -1;
        }

        private static void pause() throws InterruptedIOException {
            try {
                Thread.sleep(FOLLOW_POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while following a sandbox log");
            }
        }

        @Override
        public void close() throws IOException {
            closed = true;
            raf.close();
        }
    }
}
