package io.boss.cli.output;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The values of {@code -o}: a table (the default), a wide table, JSON, YAML or kind/name lines. */
public enum OutputFormat {
    TABLE(""),
    WIDE("wide"),
    JSON("json"),
    YAML("yaml"),
    NAME("name");

    private final String flagValue;

    OutputFormat(String flagValue) {
        this.flagValue = flagValue;
    }

    public String flagValue() {
        return flagValue;
    }

    /** Returns true for the formats that print whole objects rather than tables. */
    public boolean isStructured() {
        return this == JSON || this == YAML;
    }

    /**
     * Parses the value of {@code -o}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static OutputFormat parse(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (OutputFormat format : values()) {
            if (format != TABLE && format.flagValue.equals(wanted)) {
                return format;
            }
        }
        throw new IllegalArgumentException("invalid output format \"" + value + "\": use one of "
                + Arrays.stream(values()).filter(format -> format != TABLE)
                        .map(OutputFormat::flagValue).collect(Collectors.joining(", ")));
    }
}
