package io.boss.api.validation;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Kubernetes naming rules boss uses. Each check returns an empty Optional for a valid value
 * or the reason it is invalid, phrased to follow the field path in a {@link FieldError}.
 */
public final class Names {

    /** Maximum length of a DNS-1123 subdomain, such as an object name. */
    public static final int MAX_SUBDOMAIN_LENGTH = 253;
    /** Maximum length of a DNS-1123 label, such as a container name or namespace. */
    public static final int MAX_LABEL_LENGTH = 63;

    private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern DNS_LABEL = Pattern.compile(LABEL);
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern ENV_VAR_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    private Names() {
    }

    /** Checks a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters. */
    public static Optional<String> checkSubdomain(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("is required");
        }
        if (value.length() > MAX_SUBDOMAIN_LENGTH) {
            return Optional.of("must be at most " + MAX_SUBDOMAIN_LENGTH + " characters, got " + value.length());
        }
        if (!DNS_SUBDOMAIN.matcher(value).matches()) {
            return Optional.of("invalid name \"" + value + "\": use lowercase letters, digits, '-' and '.', "
                    + "starting and ending with a letter or digit");
        }
        return Optional.empty();
    }

    /** Checks a DNS-1123 label: lowercase letters, digits and '-', at most 63 characters. */
    public static Optional<String> checkLabel(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("is required");
        }
        if (value.length() > MAX_LABEL_LENGTH) {
            return Optional.of("must be at most " + MAX_LABEL_LENGTH + " characters, got " + value.length());
        }
        if (!DNS_LABEL.matcher(value).matches()) {
            return Optional.of("invalid name \"" + value + "\": use lowercase letters, digits and '-', "
                    + "starting and ending with a letter or digit");
        }
        return Optional.empty();
    }

    /**
     * Checks a label or annotation key: an optional DNS subdomain prefix and '/', then a name of at
     * most 63 characters of letters, digits, '-', '_' and '.', starting and ending alphanumeric.
     */
    public static Optional<String> checkLabelKey(String key) {
        if (key == null || key.isEmpty()) {
            return Optional.of("key must not be empty");
        }
        int slash = key.indexOf('/');
        String name = key;
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            Optional<String> prefixProblem = checkSubdomain(prefix);
            if (prefix.isEmpty() || prefixProblem.isPresent()) {
                return Optional.of("invalid key \"" + key + "\": the prefix before '/' must be a DNS subdomain");
            }
        }
        if (name.isEmpty() || name.length() > MAX_LABEL_LENGTH || !QUALIFIED_NAME.matcher(name).matches()) {
            return Optional.of("invalid key \"" + key + "\": the name part must be 1-63 characters of letters, "
                    + "digits, '-', '_' and '.', starting and ending with a letter or digit");
        }
        return Optional.empty();
    }

    /** Checks a label value: empty, or at most 63 characters with the same alphabet as a key's name. */
    public static Optional<String> checkLabelValue(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.length() > MAX_LABEL_LENGTH || !QUALIFIED_NAME.matcher(value).matches()) {
            return Optional.of("invalid value \"" + value + "\": use at most 63 characters of letters, digits, "
                    + "'-', '_' and '.', starting and ending with a letter or digit");
        }
        return Optional.empty();
    }

    /** Checks an environment variable name: letters, digits, '-', '_' and '.', not starting with a digit. */
    public static Optional<String> checkEnvVarName(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("is required");
        }
        if (!ENV_VAR_NAME.matcher(name).matches()) {
            return Optional.of("invalid name \"" + name + "\": use letters, digits, '-', '_' and '.', "
                    + "not starting with a digit");
        }
        return Optional.empty();
    }
}
