package io.boss.api.selector;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One condition of a {@link LabelSelector}: a key, an operator and, for the value operators, a
 * set of values. Semantics follow Kubernetes: {@code !=} and {@code notin} also match objects
 * without the key.
 */
public record Requirement(String key, Operator operator, Set<String> values) {

    /** The operators of the selector syntax. */
    public enum Operator {
        EQUALS,
        NOT_EQUALS,
        IN,
        NOT_IN,
        EXISTS,
        DOES_NOT_EXIST
    }

    public Requirement {
        values = Set.copyOf(values);
    }

    /** Creates a requirement from a list of values. Duplicate values collapse into one. */
    public static Requirement of(String key, Operator operator, List<String> values) {
        return new Requirement(key, operator, Set.copyOf(values));
    }

    /** Returns true when {@code labels} meet this requirement. */
    public boolean matches(Map<String, String> labels) {
        boolean present = labels.containsKey(key);
        String value = labels.get(key);
        switch (operator) {
            case EQUALS:
            case IN:
                return present && values.contains(value);
            case NOT_EQUALS:
            case NOT_IN:
                return !present || !values.contains(value);
            case EXISTS:
                return present;
            case DOES_NOT_EXIST:
                return !present;
            default:
                throw new IllegalStateException("unhandled operator " + operator);
        }
    }

    /** Returns the string form the parser accepts, such as {@code env in (prod,qa)}. */
    @Override
    public String toString() {
        String single = values.isEmpty() ? "" : new TreeSet<>(values).first();
        switch (operator) {
            case EQUALS:
                return key + "=" + single;
            case NOT_EQUALS:
                return key + "!=" + single;
            case IN:
                return key + " in (" + String.join(",", new TreeSet<>(values)) + ")";
            case NOT_IN:
                return key + " notin (" + String.join(",", new TreeSet<>(values)) + ")";
            case EXISTS:
                return key;
            case DOES_NOT_EXIST:
                return "!" + key;
            default:
                throw new IllegalStateException("unhandled operator " + operator);
        }
    }
}
