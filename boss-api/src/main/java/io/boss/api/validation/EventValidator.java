package io.boss.api.validation;

import io.boss.api.ResourceKind;
import io.boss.api.model.Event;
import io.boss.api.model.ObjectReference;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Field rules of {@link Event}. */
final class EventValidator {

    /** Maximum length of {@code reason}, as in Kubernetes. */
    static final int MAX_REASON_LENGTH = 128;
    /** Maximum length of {@code message}; recorders shorten longer messages before writing. */
    static final int MAX_MESSAGE_LENGTH = 1024;

    private static final Pattern UPPER_CAMEL_CASE = Pattern.compile("[A-Z][A-Za-z0-9]*");

    private EventValidator() {
    }

    static void validate(Event event, Problems problems) {
        validateInvolvedObject(event, problems);

        String reason = event.getReason();
        problems.required("reason", reason);
        if (reason != null && !reason.isEmpty() && !UPPER_CAMEL_CASE.matcher(reason).matches()) {
            problems.add("reason", "invalid value \"" + reason
                    + "\": expected one UpperCamelCase word of letters and digits, such as FailedScheduling");
        }
        if (reason != null && reason.length() > MAX_REASON_LENGTH) {
            problems.add("reason", "must be at most " + MAX_REASON_LENGTH + " characters, got " + reason.length());
        }
        String message = event.getMessage();
        if (message != null && message.length() > MAX_MESSAGE_LENGTH) {
            problems.add("message", "must be at most " + MAX_MESSAGE_LENGTH + " characters, got " + message.length());
        }

        problems.required("type", event.getType());
        problems.oneOf("type", event.getType(), Event.TYPES);
        if (event.getSource() == null) {
            problems.add("source", "is required");
        } else {
            problems.required("source.component", event.getSource().getComponent());
        }

        Integer count = event.getCount();
        if (count != null && count < 1) {
            problems.add("count", "must be 1 or greater, got " + count);
        }
        if (event.getFirstTimestamp() != null && event.getLastTimestamp() != null
                && event.getLastTimestamp().isBefore(event.getFirstTimestamp())) {
            problems.add("lastTimestamp", "must not be before firstTimestamp " + event.getFirstTimestamp()
                    + ", got " + event.getLastTimestamp());
        }
    }

    private static void validateInvolvedObject(Event event, Problems problems) {
        ObjectReference involved = event.getInvolvedObject();
        if (involved == null) {
            problems.add("involvedObject", "is required");
            return;
        }

        problems.required("involvedObject.name", involved.getName());
        problems.required("involvedObject.kind", involved.getKind());
        if (involved.getKind() == null || involved.getKind().isEmpty()) {
            return;
        }
        Optional<ResourceKind> kind = ResourceKind.fromKind(involved.getKind());
        if (kind.isEmpty()) {
            problems.add("involvedObject.kind", "unsupported value \"" + involved.getKind() + "\": expected one of "
                    + Arrays.stream(ResourceKind.values()).map(ResourceKind::kind).collect(Collectors.joining(", ")));
            return;
        }

        String eventNamespace = event.getMetadata() == null ? null : event.getMetadata().getNamespace();
        String involvedNamespace = involved.getNamespace();
        if (kind.get().namespaced()) {
            problems.required("involvedObject.namespace", involvedNamespace);
            if (involvedNamespace != null && !involvedNamespace.isEmpty()
                    && !involvedNamespace.equals(eventNamespace)) {
                problems.add("involvedObject.namespace", "must equal metadata.namespace \"" + eventNamespace
                        + "\", because an event lives in the namespace of the object it is about; got \""
                        + involvedNamespace + "\"");
            }
        } else {
            if (involvedNamespace != null && !involvedNamespace.isEmpty()) {
                problems.add("involvedObject.namespace", "must be empty because " + kind.get().kind()
                        + " is cluster-scoped, got \"" + involvedNamespace + "\"");
            }
            if (!Objects.equals(eventNamespace, Event.CLUSTER_SCOPED_NAMESPACE)) {
                problems.add("metadata.namespace", "must be \"" + Event.CLUSTER_SCOPED_NAMESPACE
                        + "\" for an event about a cluster-scoped " + kind.get().kind() + ", got \"" + eventNamespace
                        + "\"");
            }
        }
    }
}
