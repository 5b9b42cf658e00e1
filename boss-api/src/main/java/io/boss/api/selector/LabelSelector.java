package io.boss.api.selector;

import io.boss.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A label selector: a conjunction of {@link Requirement}s, built from the string syntax of
 * {@code kubectl -l} with {@link #parse} or from the structured selector of a workload with
 * {@link #of}. The empty selector matches every object. Instances are immutable.
 *
 * <p>The string syntax is a comma-separated list of {@code key=value}, {@code key==value},
 * {@code key!=value}, {@code key in (v1, v2)}, {@code key notin (v1)}, {@code key} (exists) and
 * {@code !key} (does not exist). Keys and values follow the Kubernetes label rules.
 */
public final class LabelSelector {

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of());

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = List.copyOf(requirements);
    }

    /** Returns the selector that matches every object. */
    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /**
     * Parses the {@code kubectl -l} syntax. Null or blank text gives {@link #everything()}.
     *
     * @throws InvalidSelectorException naming the position of the first problem
     */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        return new LabelSelector(new LabelSelectorParser(text).parse());
    }

    /**
     * Converts the structured selector of a ReplicaSet or Deployment. A null selector gives
     * {@link #everything()}; callers that require a selector check for null first.
     *
     * @throws InvalidSelectorException when an operator is unknown or the values do not fit it
     */
    public static LabelSelector of(io.boss.api.model.LabelSelector model) {
        if (model == null) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (Map.Entry<String, String> entry : model.getMatchLabels().entrySet()) {
            requirements.add(Requirement.of(entry.getKey(), Requirement.Operator.EQUALS, List.of(entry.getValue())));
        }
        for (LabelSelectorRequirement expression : model.getMatchExpressions()) {
            requirements.add(convert(expression));
        }
        return new LabelSelector(requirements);
    }

    /** Creates a selector that requires every given label to have the given value. */
    public static LabelSelector matchingLabels(Map<String, String> labels) {
        io.boss.api.model.LabelSelector model = new io.boss.api.model.LabelSelector();
        model.setMatchLabels(labels);
        return of(model);
    }

    private static Requirement convert(LabelSelectorRequirement expression) {
        Requirement.Operator operator = operatorOf(expression.getOperator()).orElseThrow(() ->
                new InvalidSelectorException("invalid operator \"" + expression.getOperator()
                        + "\" for key \"" + expression.getKey() + "\": expected In, NotIn, Exists or DoesNotExist"));
        boolean needsValues = operator == Requirement.Operator.IN || operator == Requirement.Operator.NOT_IN;
        if (needsValues && expression.getValues().isEmpty()) {
            throw new InvalidSelectorException("operator " + expression.getOperator() + " for key \""
                    + expression.getKey() + "\" needs at least one value");
        }
        if (!needsValues && !expression.getValues().isEmpty()) {
            throw new InvalidSelectorException("operator " + expression.getOperator() + " for key \""
                    + expression.getKey() + "\" takes no values");
        }
        return Requirement.of(expression.getKey(), operator, expression.getValues());
    }

    /** Maps a structured operator name (In, NotIn, Exists, DoesNotExist) to its operator. */
    public static Optional<Requirement.Operator> operatorOf(String name) {
        if (name == null) {
            return Optional.empty();
        }
        switch (name) {
            case "In":
                return Optional.of(Requirement.Operator.IN);
            case "NotIn":
                return Optional.of(Requirement.Operator.NOT_IN);
            case "Exists":
                return Optional.of(Requirement.Operator.EXISTS);
            case "DoesNotExist":
                return Optional.of(Requirement.Operator.DOES_NOT_EXIST);
            default:
                return Optional.empty();
        }
    }

    /** Returns true when {@code labels} (null means none) meet every requirement. */
    public boolean matches(Map<String, String> labels) {
        Map<String, String> present = labels == null ? Map.of() : labels;
        for (Requirement requirement : requirements) {
            if (!requirement.matches(present)) {
                return false;
            }
        }
        return true;
    }

    /** Returns true for the selector that matches everything. */
    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    public List<Requirement> requirements() {
        return requirements;
    }

    /** Returns the string form, which {@link #parse} reads back to an equal selector. */
    @Override
    public String toString() {
        return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LabelSelector && requirements.equals(((LabelSelector) other).requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode();
    }
}
