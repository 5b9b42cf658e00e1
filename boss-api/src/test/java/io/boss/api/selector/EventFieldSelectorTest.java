package io.boss.api.selector;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.ResourceKind;
import io.boss.api.model.Event;
import io.boss.api.model.Examples;
import org.junit.jupiter.api.Test;

/** Field selectors on the involved object of events. */
class EventFieldSelectorTest {

    private final Event event = Examples.event();

    @Test
    void selectsByInvolvedObject() {
        assertTrue(FieldSelector.parse("involvedObject.kind=Pod,involvedObject.name=web-0", ResourceKind.EVENT)
                .matches(event));
        assertTrue(FieldSelector.parse("involvedObject.uid=pod-uid", ResourceKind.EVENT).matches(event));
        assertTrue(FieldSelector.parse("involvedObject.namespace=default", ResourceKind.EVENT).matches(event));
        assertFalse(FieldSelector.parse("involvedObject.name=web-1", ResourceKind.EVENT).matches(event));
        assertFalse(FieldSelector.parse("involvedObject.kind=Node", ResourceKind.EVENT).matches(event));
    }

    @Test
    void selectsByReasonAndType() {
        assertTrue(FieldSelector.parse("reason=Scheduled,type=Normal", ResourceKind.EVENT).matches(event));
        assertFalse(FieldSelector.parse("type=Warning", ResourceKind.EVENT).matches(event));
    }

    @Test
    void involvedObjectFieldsAreOnlyForEvents() {
        InvalidSelectorException error = assertThrows(InvalidSelectorException.class,
                () -> FieldSelector.parse("involvedObject.name=web-0", ResourceKind.POD));

        assertTrue(error.getMessage().contains("not supported for Pod"), error.getMessage());
    }
}
