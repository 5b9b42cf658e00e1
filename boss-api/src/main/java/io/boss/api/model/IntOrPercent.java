package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * An absolute count or a percentage, as Kubernetes' IntOrString for rolling-update bounds: JSON
 * {@code 2} or {@code "25%"}. Any string is accepted when reading so that validation can report a
 * malformed one; {@link #isValid()} returns whether it is usable.
 */
public final class IntOrPercent {

    private final Integer count;
    private final String text;

    private IntOrPercent(Integer count, String text) {
        this.count = count;
        this.text = text;
    }

    /** Creates an absolute count. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static IntOrPercent of(int count) {
        return new IntOrPercent(count, null);
    }

    /** Creates a value from its text form, such as {@code "25%"}, or a plain number such as {@code "3"}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static IntOrPercent of(String text) {
        return new IntOrPercent(null, text);
    }

    /** Returns the JSON form: an integer for a count, the text otherwise. */
    @JsonValue
    public Object jsonValue() {
        return count != null ? count : text;
    }

    /** Returns true for a non-negative count or a non-negative whole percentage such as {@code "25%"}. */
    public boolean isValid() {
        if (count != null) {
            return count >= 0;
        }
        return text != null && text.matches("\\d{1,9}%?");
    }

    /**
     * Resolves the value against {@code total}: a count is returned as is, and a percentage is
     * scaled and rounded up or down as Kubernetes does for maxSurge (up) and maxUnavailable (down).
     *
     * @throws IllegalStateException when the value is not {@link #isValid() valid}
     */
    public int resolve(int total, boolean roundUp) {
        if (!isValid()) {
            throw new IllegalStateException("invalid count or percentage \"" + jsonValue() + "\"");
        }
        if (count != null) {
            return count;
        }
        if (!text.endsWith("%")) {
            return Integer.parseInt(text);
        }

        long percent = Long.parseLong(text.substring(0, text.length() - 1));
        long scaled = percent * total;
        long resolved = roundUp ? (scaled + 99) / 100 : scaled / 100;
        return (int) Math.min(Integer.MAX_VALUE, resolved);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof IntOrPercent)) {
            return false;
        }
        IntOrPercent that = (IntOrPercent) other;
        return Objects.equals(count, that.count) && Objects.equals(text, that.text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(count, text);
    }

    @Override
    public String toString() {
        return String.valueOf(jsonValue());
    }
}
