package io.boss.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses resource quantities in Kubernetes notation: a non-negative decimal number with an
 * optional binary suffix (Ki, Mi, Gi, Ti, Pi, Ei), decimal suffix (n, u, m, k, M, G, T, P, E) or
 * exponent ({@code 1e3}). Results round up, as Kubernetes does when it converts a quantity to an
 * integer.
 */
public final class Quantity {

    private static final Pattern FORMAT =
            Pattern.compile("^\\+?(\\d+(?:\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d{1,3})?$");

    private static final Pattern EXPONENT = Pattern.compile("[eE][+-]?\\d+");

    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
            Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
            Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
            Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
            Map.entry("n", new BigDecimal("1e-9")),
            Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")));

    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

    private Quantity() {
    }

    /**
     * Parses a quantity to its exact value in base units (cores, bytes).
     *
     * @throws IllegalArgumentException naming the value and the expected form when it is malformed
     */
    public static BigDecimal parse(String quantity) {
        if (quantity == null) {
            throw new IllegalArgumentException("missing quantity: expected a number such as 500m, 2, 128Mi or 1Gi");
        }
        Matcher matcher = FORMAT.matcher(quantity.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid quantity \"" + quantity
                    + "\": expected a non-negative number with an optional suffix such as 500m, 2, 128Mi or 1Gi");
        }

        BigDecimal number = new BigDecimal(matcher.group(1));
        String suffix = matcher.group(2);
        if (suffix == null) {
            return number;
        }
        if (EXPONENT.matcher(suffix).matches()) {
            return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        }
        return number.multiply(SUFFIXES.get(suffix));
    }

    /**
     * Parses a CPU quantity ({@code "500m"}, {@code "2"}, {@code "0.5"}) to millicores.
     *
     * @throws IllegalArgumentException when the quantity is malformed or above {@link Long#MAX_VALUE} millicores
     */
    public static long toMillicores(String quantity) {
        return toLong(quantity, parse(quantity).movePointRight(3));
    }

    /**
     * Parses a memory quantity ({@code "128Mi"}, {@code "1Gi"}, {@code "1000000"}) to bytes.
     *
     * @throws IllegalArgumentException when the quantity is malformed or above {@link Long#MAX_VALUE} bytes
     */
    public static long toBytes(String quantity) {
        return toLong(quantity, parse(quantity));
    }

    private static long toLong(String quantity, BigDecimal value) {
        BigDecimal rounded = value.setScale(0, RoundingMode.CEILING);
        if (rounded.compareTo(MAX_LONG) > 0) {
            throw new IllegalArgumentException("quantity \"" + quantity + "\" is too large");
        }
        return rounded.longValueExact();
    }
}
