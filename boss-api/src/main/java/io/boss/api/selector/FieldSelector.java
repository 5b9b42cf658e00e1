package io.boss.api.selector;

import io.boss.api.ResourceKind;
import io.boss.api.model.Event;
import io.boss.api.model.ObjectReference;
import io.boss.api.model.Pod;
import io.boss.api.model.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A field selector such as {@code spec.nodeName=node-1,status.phase!=Failed}: a conjunction of
 * equality ({@code =}, {@code ==}) and inequality ({@code !=}) tests on a few fields. As in
 * Kubernetes, an unset field has the value "", so {@code spec.nodeName=} selects unbound pods.
 *
 * <p>Every kind supports {@code metadata.name} and {@code metadata.namespace}; pods also support
 * {@code spec.nodeName} and {@code status.phase}, and events {@code involvedObject.kind},
 * {@code involvedObject.namespace}, {@code involvedObject.name}, {@code involvedObject.uid},
 * {@code reason} and {@code type}. Instances are immutable.
 */
public final class FieldSelector {

    private static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    private static final List<String> COMMON_FIELDS = List.of("metadata.name", "metadata.namespace");
    private static final List<String> POD_FIELDS =
            List.of("metadata.name", "metadata.namespace", "spec.nodeName", "status.phase");
    private static final List<String> EVENT_FIELDS = List.of("metadata.name", "metadata.namespace",
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "reason", "type");

    /** One test of a field selector. */
    public record Term(String field, String value, boolean negated) {

        @Override
        public String toString() {
            return field + (negated ? "!=" : "=") + value;
        }
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    /** Returns the selector that matches every object. */
    public static FieldSelector everything() {
        return EVERYTHING;
    }

    /** Returns the fields a selector on {@code kind} may test. */
    public static List<String> supportedFields(ResourceKind kind) {
        return switch (kind) {
            case POD -> POD_FIELDS;
            case EVENT -> EVENT_FIELDS;
            default -> COMMON_FIELDS;
        };
    }

    /**
     * Parses a field selector for objects of {@code kind}. Null or blank text gives
     * {@link #everything()}.
     *
     * @throws InvalidSelectorException when a term is malformed or names an unsupported field; the
     *     message lists the supported fields
     */
    public static FieldSelector parse(String text, ResourceKind kind) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Term> terms = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            terms.add(parseTerm(text, part.trim(), kind));
        }
        return new FieldSelector(terms);
    }

    private static Term parseTerm(String text, String part, ResourceKind kind) {
        int notEquals = part.indexOf("!=");
        int equals = part.indexOf('=');
        if (part.isEmpty() || equals < 0) {
            throw new InvalidSelectorException("invalid field selector \"" + text + "\": term \"" + part
                    + "\" must have the form field=value, field==value or field!=value");
        }

        boolean negated = notEquals >= 0 && notEquals < equals;
        int operatorEnd = negated ? notEquals + 2 : (part.startsWith("==", equals) ? equals + 2 : equals + 1);
        String field = part.substring(0, negated ? notEquals : equals).trim();
        String value = part.substring(operatorEnd).trim();
        if (!supportedFields(kind).contains(field)) {
            throw new InvalidSelectorException("invalid field selector \"" + text + "\": field \"" + field
                    + "\" is not supported for " + kind.kind() + "; supported fields: "
                    + String.join(", ", supportedFields(kind)));
        }
        if (value.contains("=")) {
            throw new InvalidSelectorException("invalid field selector \"" + text + "\": value \"" + value
                    + "\" of field \"" + field + "\" must not contain '='");
        }
        return new Term(field, value, negated);
    }

    /** Returns true when {@code resource} passes every term. */
    public boolean matches(Resource resource) {
        for (Term term : terms) {
            String actual = Objects.toString(fieldValue(resource, term.field()), "");
            if (actual.equals(term.value()) == term.negated()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the value the selector requires for {@code field} with {@code =}, if it has such a
     * term; a server can use it to narrow a scan (for example by node name) before {@link #matches}.
     */
    public Optional<String> requiredValue(String field) {
        return terms.stream().filter(term -> term.field().equals(field) && !term.negated())
                .map(Term::value).findFirst();
    }

    public List<Term> terms() {
        return terms;
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** Returns the value of a supported field, or null when it is unset or the kind has no such field. */
    private static String fieldValue(Resource resource, String field) {
        if (field.startsWith("metadata.")) {
            if (resource.getMetadata() == null) {
                return null;
            }
            return field.equals("metadata.name") ? resource.getMetadata().getName() : resource.getMetadata().getNamespace();
        }
        if (resource instanceof Event event) {
            return eventFieldValue(event, field);
        }
        if (!(resource instanceof Pod)) {
            return null;
        }

        Pod pod = (Pod) resource;
        if (field.equals("spec.nodeName")) {
            return pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        }
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static String eventFieldValue(Event event, String field) {
        ObjectReference involved = event.getInvolvedObject();
        return switch (field) {
            case "reason" -> event.getReason();
            case "type" -> event.getType();
            case "involvedObject.kind" -> involved == null ? null : involved.getKind();
            case "involvedObject.namespace" -> involved == null ? null : involved.getNamespace();
            case "involvedObject.name" -> involved == null ? null : involved.getName();
            case "involvedObject.uid" -> involved == null ? null : involved.getUid();
            default -> null;
        };
    }

    /** Returns the string form, which {@link #parse} reads back to an equal selector. */
    @Override
    public String toString() {
        return terms.stream().map(Term::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldSelector && terms.equals(((FieldSelector) other).terms);
    }

    @Override
    public int hashCode() {
        return terms.hashCode();
    }
}
