package io.boss.server.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.boss.api.json.Serialization;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which events a node agent may record. */
class NodeRestrictionEventsTest {

    private static final String EVENTS = "/api/v1/namespaces/default/events";

    private final NodeRestriction restriction = new NodeRestriction((namespace, name) ->
            Optional.ofNullable(Map.of("mine", "node-1", "theirs", "node-2").get(name)));

    private static ObjectNode event(String kind, String namespace, String name) {
        ObjectNode body = Serialization.json().createObjectNode();
        ObjectNode involved = body.putObject("involvedObject");
        involved.put("kind", kind);
        if (namespace != null) {
            involved.put("namespace", namespace);
        }
        involved.put("name", name);
        return body;
    }

    private Optional<String> check(String method, String path, ObjectNode body) {
        return restriction.check("node-1", RequestAttributes.parse(method, path, null), () -> body);
    }

    @Test
    void nodeMayRecordOwnObjectEvents() {
        assertEquals(Optional.empty(), check("POST", EVENTS, event("Pod", "default", "mine")));
        assertEquals(Optional.empty(), check("PUT", EVENTS + "/mine.0123456789abcdef", event("Pod", "default", "mine")));
        assertEquals(Optional.empty(), check("POST", EVENTS, event("Node", null, "node-1")));
    }

    @Test
    void nodeMayNotRecordEventsAboutOtherObjects() {
        Optional<String> otherPod = check("POST", EVENTS, event("Pod", "default", "theirs"));
        Optional<String> otherNode = check("POST", EVENTS, event("Node", null, "node-2"));
        Optional<String> replicaSet = check("POST", EVENTS, event("ReplicaSet", "default", "web"));

        assertTrue(otherPod.orElseThrow().contains("its own Node \"node-1\" or a pod bound to it"), otherPod.get());
        assertTrue(otherNode.isPresent());
        assertTrue(replicaSet.isPresent());
    }

    @Test
    void nodeMayNotDeleteOrListEvents() {
        assertTrue(check("DELETE", EVENTS + "/mine.0123456789abcdef", null).orElseThrow()
                .contains("only create and update events"));
        assertTrue(check("GET", EVENTS, null).isPresent());
    }
}
