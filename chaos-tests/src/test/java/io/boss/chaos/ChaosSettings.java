package io.boss.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/** Reads the run settings the Maven build passes as system properties. */
final class ChaosSettings {

    private ChaosSettings() {
    }

    /** Returns {@code -Dchaos.seed}, or a fresh random seed when it is unset or empty. */
    static long seed() {
        String value = System.getProperty("chaos.seed", "").trim();
        if (value.isEmpty()) {
            return new Random().nextLong() & Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid -Dchaos.seed=" + value + ": expected a whole number", e);
        }
    }

    /** Parses durations such as {@code 90s}, {@code 20m} or {@code 1h} from the property {@code name}. */
    static Duration duration(String name, Duration defaultValue) {
        String value = System.getProperty(name, "").trim();
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            return switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new NumberFormatException("unknown unit");
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid -D" + name + "=" + value
                    + ": expected a number followed by s, m or h, such as 90s or 20m", e);
        }
    }

    /** Returns the directory for run directories and history files, {@code target/chaos} by default. */
    static Path workDir() {
        return Path.of(System.getProperty("chaos.workDir", "target/chaos")).toAbsolutePath().normalize();
    }
}
