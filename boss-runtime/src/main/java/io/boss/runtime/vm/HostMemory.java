package io.boss.runtime.vm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Reads the host's available memory from {@code /proc/meminfo}. */
final class HostMemory {

    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private HostMemory() {
    }

    /** Returns {@code MemAvailable} in bytes, or empty when it cannot be read. */
    static OptionalLong availableBytes() {
        try {
            for (String line : Files.readAllLines(MEMINFO)) {
                if (line.startsWith("MemAvailable:")) {
                    String kibibytes = line.substring("MemAvailable:".length()).replace("kB", "").strip();
                    return OptionalLong.of(Long.parseLong(kibibytes) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
