package io.boss.cli.output;

import java.time.Duration;
import java.time.Instant;

/**
 * Formats the AGE column the way kubectl does: a second unit only while it still adds
 * information ({@code 90s}, {@code 5m30s}, {@code 3m}, {@code 2h15m}, {@code 7h}, {@code 3d4h},
 * {@code 12d}, {@code 3y20d}).
 */
public final class Ages {

    private Ages() {
    }

    /** Formats the time from {@code since} to {@code now}, or {@code <unknown>} for a null time. */
    public static String between(Instant since, Instant now) {
        if (since == null) {
            return "<unknown>";
        }
        return format(Duration.between(since, now));
    }

    /** Formats a duration; a clock skew of up to one second shows as {@code 0s}. */
    public static String format(Duration age) {
        long seconds = age.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 120) {
            return seconds + "s";
        }

        long minutes = seconds / 60;
        if (minutes < 10) {
            return withRemainder(minutes, "m", seconds % 60, "s");
        }
        if (minutes < 3 * 60) {
            return minutes + "m";
        }

        long hours = minutes / 60;
        if (hours < 8) {
            return withRemainder(hours, "h", minutes % 60, "m");
        }
        if (hours < 48) {
            return hours + "h";
        }

        long days = hours / 24;
        if (days < 8) {
            return withRemainder(days, "d", hours % 24, "h");
        }
        if (days < 2 * 365) {
            return days + "d";
        }

        long years = days / 365;
        if (years < 8) {
            return withRemainder(years, "y", days % 365, "d");
        }
        return years + "y";
    }

    private static String withRemainder(long value, String unit, long remainder, String remainderUnit) {
        if (remainder == 0) {
            return value + unit;
        }
        return value + unit + remainder + remainderUnit;
    }
}
