package io.boss.api.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    private static final Map<String, String> PROD_WEB = Map.of("env", "prod", "tier", "web", "boss.io/owner", "rs-1");
    private static final Map<String, String> QA_DB = Map.of("env", "qa", "tier", "db");
    private static final Map<String, String> NONE = Map.of();

    /** Lists selector, labels and expected match, by the Kubernetes label selector semantics. */
    static Stream<Arguments> matchTable() {
        return Stream.of(
                Arguments.of("", PROD_WEB, true),
                Arguments.of("", NONE, true),
                Arguments.of("env=prod", PROD_WEB, true),
                Arguments.of("env==prod", PROD_WEB, true),
                Arguments.of("env=prod", QA_DB, false),
                Arguments.of("env=prod", NONE, false),
                Arguments.of("env!=prod", QA_DB, true),
                Arguments.of("env!=prod", PROD_WEB, false),
                Arguments.of("env!=prod", NONE, true),
                Arguments.of("env in (prod, qa)", PROD_WEB, true),
                Arguments.of("env in (prod,qa)", QA_DB, true),
                Arguments.of("env in (staging)", PROD_WEB, false),
                Arguments.of("env in (prod)", NONE, false),
                Arguments.of("tier notin (db)", PROD_WEB, true),
                Arguments.of("tier notin (db)", QA_DB, false),
                Arguments.of("tier notin (db)", NONE, true),
                Arguments.of("tier", PROD_WEB, true),
                Arguments.of("tier", NONE, false),
                Arguments.of("!tier", NONE, true),
                Arguments.of("!tier", PROD_WEB, false),
                Arguments.of("env=prod,tier=web", PROD_WEB, true),
                Arguments.of("env=prod,tier=db", PROD_WEB, false),
                Arguments.of("  env = prod ,  tier in ( web , api ) , !missing  ", PROD_WEB, true),
                Arguments.of("boss.io/owner=rs-1", PROD_WEB, true),
                Arguments.of("env=", Map.of("env", ""), true),
                Arguments.of("env=", PROD_WEB, false));
    }

    @ParameterizedTest(name = "\"{0}\" on {1} -> {2}")
    @MethodSource("matchTable")
    void selectorMatchesLikeKubernetes(String text, Map<String, String> labels, boolean expected) {
        LabelSelector selector = LabelSelector.parse(text);

        assertEquals(expected, selector.matches(labels));
        assertEquals(selector, LabelSelector.parse(selector.toString()), "string form must parse back");
    }

    static Stream<Arguments> errorTable() {
        return Stream.of(
                Arguments.of("env in prod", "expected '(' at position 7"),
                Arguments.of("env in ()", "expected at least one value in parentheses at position 8"),
                Arguments.of("env in (a", "expected ',' at position 9 (found end of input)"),
                Arguments.of("env > 3", "expected one of =, ==, !=, in, notin or ',' after key \"env\" at position 4"),
                Arguments.of("env=prod,", "expected a label key at position 9"),
                Arguments.of(",env", "expected a label key at position 0"),
                Arguments.of("env=a b", "expected ',' at position 6"),
                Arguments.of("Bad/Key=x", "invalid key \"Bad/Key\""),
                Arguments.of("env=-x", "invalid value \"-x\""),
                Arguments.of("!", "expected a label key at position 1"));
    }

    @ParameterizedTest(name = "\"{0}\" fails with {1}")
    @MethodSource("errorTable")
    void parseErrorsNameThePosition(String text, String expectedFragment) {
        InvalidSelectorException error = assertThrows(InvalidSelectorException.class, () -> LabelSelector.parse(text));

        assertTrue(error.getMessage().startsWith("invalid label selector \"" + text + "\": "), error.getMessage());
        assertTrue(error.getMessage().contains(expectedFragment), error.getMessage());
    }

    @Test
    void structuredSelectorMatchesLikeItsStringForm() {
        io.boss.api.model.LabelSelector model = new io.boss.api.model.LabelSelector();
        model.setMatchLabels(Map.of("env", "prod"));
        model.setMatchExpressions(List.of(
                new LabelSelectorRequirement("tier", "In", List.of("web", "api")),
                new LabelSelectorRequirement("canary", "DoesNotExist", List.of()),
                new LabelSelectorRequirement("boss.io/owner", "Exists", List.of()),
                new LabelSelectorRequirement("zone", "NotIn", List.of("eu"))));

        LabelSelector selector = LabelSelector.of(model);

        assertTrue(selector.matches(PROD_WEB));
        assertEquals(LabelSelector.parse("env=prod,tier in (api,web),!canary,boss.io/owner,zone notin (eu)"), selector);
    }

    @Test
    void structuredSelectorRejectsUnknownOperator() {
        io.boss.api.model.LabelSelector model = new io.boss.api.model.LabelSelector();
        model.setMatchExpressions(List.of(new LabelSelectorRequirement("tier", "Gt", List.of("1"))));

        InvalidSelectorException error = assertThrows(InvalidSelectorException.class, () -> LabelSelector.of(model));

        assertEquals("invalid operator \"Gt\" for key \"tier\": expected In, NotIn, Exists or DoesNotExist",
                error.getMessage());
    }

    @Test
    void nullSelectorsMatchEverything() {
        assertTrue(LabelSelector.parse(null).matches(PROD_WEB));
        assertTrue(LabelSelector.of(null).isEmpty());
        assertTrue(LabelSelector.parse("env").matches(Map.of("env", "")));
    }
}
