package io.boss.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.model.Event;
import io.boss.api.model.Examples;
import io.boss.api.model.ObjectReference;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Field rules of events. */
class EventValidatorTest {

    @Test
    void completeEventIsValid() {
        assertEquals(List.of(), ResourceValidator.validate(Examples.event()));
    }

    @Test
    void missingFieldsAreNamedByPath() {
        Event event = new Event("default", "web-0.0123456789abcdef");
        event.setSource(null);

        List<String> paths = paths(ResourceValidator.validate(event));

        assertEquals(List.of("involvedObject.name", "involvedObject.kind", "reason", "type", "source"), paths);
    }

    @Test
    void reasonMustBeOneUpperCamelCaseWord() {
        Event event = Examples.event();
        event.setReason("failed scheduling");

        List<FieldError> errors = ResourceValidator.validate(event);

        assertEquals(List.of("reason"), paths(errors));
        assertTrue(errors.get(0).message().contains("UpperCamelCase"), errors.get(0).message());
    }

    @Test
    void typeCountAndTimestampsAreChecked() {
        Event event = Examples.event();
        event.setType("Error");
        event.setCount(0);
        event.setLastTimestamp(event.getFirstTimestamp().minusSeconds(1));

        assertEquals(List.of("type", "count", "lastTimestamp"), paths(ResourceValidator.validate(event)));
    }

    @Test
    void eventLivesInItsObjectsNamespace() {
        Event event = Examples.event();
        event.getInvolvedObject().setNamespace("team");

        List<FieldError> errors = ResourceValidator.validate(event);

        assertEquals(List.of("involvedObject.namespace"), paths(errors));
        assertTrue(errors.get(0).message().contains("must equal metadata.namespace \"default\""),
                errors.get(0).message());
    }

    @Test
    void nodeEventLivesInDefaultNamespace() {
        Event event = Examples.event();
        event.setInvolvedObject(new ObjectReference("Node", null, "node-1", "node-uid"));
        assertEquals(List.of(), ResourceValidator.validate(event));

        event.getMetadata().setNamespace("team");
        event.getInvolvedObject().setNamespace("team");

        assertEquals(List.of("involvedObject.namespace", "metadata.namespace"), paths(ResourceValidator.validate(event)));
    }

    @Test
    void unknownInvolvedKindListsTheKinds() {
        Event event = Examples.event();
        event.getInvolvedObject().setKind("Service");

        List<FieldError> errors = ResourceValidator.validate(event);

        assertEquals(List.of("involvedObject.kind"), paths(errors));
        assertTrue(errors.get(0).message().contains("Pod, Node"), errors.get(0).message());
    }

    @Test
    void overlongMessageIsInvalid() {
        Event event = Examples.event();
        event.setMessage("x".repeat(EventValidator.MAX_MESSAGE_LENGTH + 1));

        assertEquals(List.of("message"), paths(ResourceValidator.validate(event)));
    }

    private static List<String> paths(List<FieldError> errors) {
        return errors.stream().map(FieldError::path).toList();
    }
}
