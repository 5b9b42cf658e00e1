package io.boss.api.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.boss.api.ResourceKind;
import io.boss.api.model.Node;
import io.boss.api.model.Pod;
import io.boss.api.model.Resource;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldSelectorTest {

    private static Pod pod(String name, String nodeName, String phase) {
        Pod pod = new Pod("default", name);
        pod.getSpec().setNodeName(nodeName);
        pod.getStatus().setPhase(phase);
        return pod;
    }

    private static final Pod BOUND_RUNNING = pod("web-1", "node-1", "Running");
    private static final Pod UNBOUND = pod("web-2", null, "Pending");

    static Stream<Arguments> matchTable() {
        return Stream.of(
                Arguments.of("", BOUND_RUNNING, true),
                Arguments.of("spec.nodeName=node-1", BOUND_RUNNING, true),
                Arguments.of("spec.nodeName==node-1", BOUND_RUNNING, true),
                Arguments.of("spec.nodeName=node-2", BOUND_RUNNING, false),
                Arguments.of("spec.nodeName!=node-1", BOUND_RUNNING, false),
                Arguments.of("spec.nodeName!=node-1", UNBOUND, true),
                Arguments.of("spec.nodeName=", UNBOUND, true),
                Arguments.of("spec.nodeName=", BOUND_RUNNING, false),
                Arguments.of("spec.nodeName!=", BOUND_RUNNING, true),
                Arguments.of("metadata.name=web-1", BOUND_RUNNING, true),
                Arguments.of("metadata.namespace=default,status.phase=Running", BOUND_RUNNING, true),
                Arguments.of("metadata.namespace=default,status.phase=Running", UNBOUND, false),
                Arguments.of(" status.phase != Failed ", UNBOUND, true));
    }

    @ParameterizedTest(name = "\"{0}\" on {1} -> {2}")
    @MethodSource("matchTable")
    void fieldSelectorMatchesLikeKubernetes(String text, Resource resource, boolean expected) {
        FieldSelector selector = FieldSelector.parse(text, ResourceKind.POD);

        assertEquals(expected, selector.matches(resource));
        assertEquals(selector, FieldSelector.parse(selector.toString(), ResourceKind.POD));
    }

    @Test
    void unsupportedFieldListsTheSupportedOnes() {
        InvalidSelectorException forPod = assertThrows(InvalidSelectorException.class,
                () -> FieldSelector.parse("spec.restartPolicy=Never", ResourceKind.POD));
        InvalidSelectorException forNode = assertThrows(InvalidSelectorException.class,
                () -> FieldSelector.parse("spec.nodeName=a", ResourceKind.NODE));

        assertEquals("invalid field selector \"spec.restartPolicy=Never\": field \"spec.restartPolicy\" is not "
                + "supported for Pod; supported fields: metadata.name, metadata.namespace, spec.nodeName, status.phase",
                forPod.getMessage());
        assertEquals("invalid field selector \"spec.nodeName=a\": field \"spec.nodeName\" is not supported for Node; "
                + "supported fields: metadata.name, metadata.namespace", forNode.getMessage());
    }

    @Test
    void termWithoutOperatorIsRejected() {
        InvalidSelectorException error = assertThrows(InvalidSelectorException.class,
                () -> FieldSelector.parse("metadata.name=a,,", ResourceKind.POD));

        assertEquals("invalid field selector \"metadata.name=a,,\": term \"\" must have the form field=value, "
                + "field==value or field!=value", error.getMessage());
    }

    @Test
    void requiredValueExposesEqualityTerm() {
        FieldSelector selector = FieldSelector.parse("status.phase!=Failed,spec.nodeName=node-1", ResourceKind.POD);

        assertEquals(Optional.of("node-1"), selector.requiredValue("spec.nodeName"));
        assertEquals(Optional.empty(), selector.requiredValue("status.phase"));
    }

    @Test
    void metadataFieldsWorkOnNodes() {
        FieldSelector selector = FieldSelector.parse("metadata.name=node-1", ResourceKind.NODE);

        assertEquals(true, selector.matches(new Node(null, "node-1")));
        assertEquals(false, selector.matches(new Node(null, "node-2")));
    }
}
