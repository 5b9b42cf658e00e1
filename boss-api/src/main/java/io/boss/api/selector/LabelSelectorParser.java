package io.boss.api.selector;

import io.boss.api.validation.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Recursive-descent parser for the {@code kubectl -l} syntax; one instance parses one string. */
final class LabelSelectorParser {

    private final String text;
    private int position;

    LabelSelectorParser(String text) {
        this.text = text;
    }

    List<Requirement> parse() {
        List<Requirement> requirements = new ArrayList<>();
        while (true) {
            requirements.add(requirement());
            skipSpaces();
            if (atEnd()) {
                return requirements;
            }
            expect(',');
        }
    }

    private Requirement requirement() {
        skipSpaces();
        if (peek('!')) {
            position++;
            String key = key();
            return Requirement.of(key, Requirement.Operator.DOES_NOT_EXIST, List.of());
        }

        String key = key();
        skipSpaces();
        if (atEnd() || peek(',')) {
            return Requirement.of(key, Requirement.Operator.EXISTS, List.of());
        }
        if (text.startsWith("!=", position)) {
            position += 2;
            return Requirement.of(key, Requirement.Operator.NOT_EQUALS, List.of(value()));
        }
        if (text.startsWith("==", position)) {
            position += 2;
            return Requirement.of(key, Requirement.Operator.EQUALS, List.of(value()));
        }
        if (peek('=')) {
            position++;
            return Requirement.of(key, Requirement.Operator.EQUALS, List.of(value()));
        }

        int operatorStart = position;
        String word = word();
        if (word.equals("in")) {
            return Requirement.of(key, Requirement.Operator.IN, valueSet());
        }
        if (word.equals("notin")) {
            return Requirement.of(key, Requirement.Operator.NOT_IN, valueSet());
        }
        throw error("expected one of =, ==, !=, in, notin or ',' after key \"" + key + "\"", operatorStart);
    }

    private String key() {
        skipSpaces();
        int start = position;
        String key = word();
        if (key.isEmpty()) {
            throw error("expected a label key", start);
        }
        Optional<String> problem = Names.checkLabelKey(key);
        if (problem.isPresent()) {
            throw error(problem.get(), start);
        }
        return key;
    }

    private String value() {
        skipSpaces();
        int start = position;
        String value = word();
        Optional<String> problem = Names.checkLabelValue(value);
        if (problem.isPresent()) {
            throw error(problem.get(), start);
        }
        return value;
    }

    private List<String> valueSet() {
        skipSpaces();
        expect('(');
        List<String> values = new ArrayList<>();
        skipSpaces();
        if (peek(')')) {
            throw error("expected at least one value in parentheses", position);
        }
        while (true) {
            values.add(value());
            skipSpaces();
            if (peek(')')) {
                position++;
                return values;
            }
            expect(',');
        }
    }

    /** Reads the longest run of characters allowed in keys and values; possibly empty. */
    private String word() {
        int start = position;
        while (!atEnd() && isWordCharacter(text.charAt(position))) {
            position++;
        }
        return text.substring(start, position);
    }

    private static boolean isWordCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/';
    }

    private void expect(char expected) {
        skipSpaces();
        if (!peek(expected)) {
            throw error("expected '" + expected + "'", position);
        }
        position++;
    }

    private boolean peek(char c) {
        return !atEnd() && text.charAt(position) == c;
    }

    private boolean atEnd() {
        return position >= text.length();
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private InvalidSelectorException error(String problem, int at) {
        String found = at >= text.length() ? "end of input" : "'" + text.charAt(at) + "'";
        return new InvalidSelectorException("invalid label selector \"" + text + "\": " + problem
                + " at position " + at + " (found " + found + ")");
    }
}
