package io.boss.runtime.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFileTest {

    @TempDir
    Path dir;

    @Test
    void tailCountsLastLineWithoutNewline() throws Exception {
        Path file = dir.resolve("out.log");
        Files.writeString(file, "a\nb\nc");

        assertEquals("b\nc", read(file, 2));
        assertEquals("c", read(file, 1));
    }

    @Test
    void tailSpansScanBlocks() throws Exception {
        Path file = dir.resolve("big.log");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            text.append("line ").append(i).append('\n');
        }
        Files.writeString(file, text);

        assertEquals("line 3000\n", read(file, 2000).substring(0, 10));
        assertEquals(text.toString(), read(file, 6000));
    }

    @Test
    void missingFileReadsAsEmpty() throws Exception {
        assertEquals("", read(dir.resolve("none/out.log"), null));
    }

    private static String read(Path file, Integer tailLines) throws Exception {
        try (InputStream in = LogFile.open(file, tailLines, false, () -> true)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
