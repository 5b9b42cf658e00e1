package io.boss.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.api.ResourceKind;
import io.boss.api.error.ApiError;
import io.boss.api.model.ClusterView;
import io.boss.api.model.Condition;
import io.boss.api.model.Deployment;
import io.boss.api.model.Examples;
import io.boss.api.model.IntOrPercent;
import io.boss.api.model.ObjectList;
import io.boss.api.model.Pod;
import io.boss.api.model.ReplicaView;
import io.boss.api.model.Resource;
import io.boss.api.model.WatchEvent;
import io.boss.api.model.WatchEventType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SerializationTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyKindRoundTripsThroughJsonWithoutLoss() {
        for (Resource original : Examples.all()) {
            byte[] json = Serialization.toJsonBytes(original);

            Resource read = Serialization.readResource(json, "application/json");

            assertEquals(original, read, () -> "JSON round trip changed " + new String(json, StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyKindRoundTripsThroughYamlWithoutLoss() {
        for (Resource original : Examples.all()) {
            String yaml = Serialization.toYaml(original);

            Resource read = Serialization.readResource(utf8(yaml), "application/yaml");

            assertEquals(original, read, () -> "YAML round trip changed\n" + yaml);
        }
    }

    @Test
    void yamlKeepsBooleanLikeStrings() {
        Pod pod = Examples.pod();
        pod.getStatus().getConditions().get(0).setStatus(Condition.TRUE);
        pod.getMetadata().setResourceVersion("7");
        pod.getMetadata().getLabels().put("enabled", "yes");

        String yaml = Serialization.toYaml(pod);
        Pod read = Serialization.read(utf8(yaml), "application/yaml", Pod.class);

        assertEquals("True", read.getStatus().getConditions().get(0).getStatus(), yaml);
        assertEquals("7", read.getMetadata().getResourceVersion(), yaml);
        assertEquals("yes", read.getMetadata().getLabels().get("enabled"), yaml);
    }

    @Test
    void timestampsAreWrittenAsIsoText() {
        String json = Serialization.toJson(Examples.pod());

        assertTrue(json.contains("\"creationTimestamp\":\"2026-01-31T12:00:00.123456789Z\""), json);
    }

    @Test
    void emptyFieldsAreLeftOut() {
        Pod pod = new Pod("default", "web");

        String json = Serialization.toJson(pod);

        assertEquals("{\"apiVersion\":\"boss.io/v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web\","
                + "\"namespace\":\"default\",\"generation\":0},\"spec\":{},\"status\":{\"restartCount\":0}}", json);
    }

    @Test
    void unknownFieldIsReportedWithItsPath() {
        String body = "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\"},\"spec\":{\"containers\":"
                + "[{\"name\":\"main\"},{\"name\":\"side\",\"imagee\":\"x\"}]}}";

        MalformedInputException error = assertThrows(MalformedInputException.class,
                () -> Serialization.readResource(utf8(body), "application/json"));

        assertEquals("spec.containers[1].imagee", error.path());
        assertTrue(error.getMessage().startsWith("unknown field \"spec.containers[1].imagee\" at line 1"),
                error.getMessage());
    }

    @Test
    void unknownFieldInYamlNamesPathAndLine() {
        String yaml = "kind: Pod\nmetadata:\n  name: a\nspec:\n  sandbox:\n    isolaton: namespaced\n";

        MalformedInputException error = assertThrows(MalformedInputException.class,
                () -> Serialization.readResource(utf8(yaml), "application/yaml"));

        assertEquals("spec.sandbox.isolaton", error.path());
        assertTrue(error.getMessage().contains("at line 6"), error.getMessage());
    }

    @Test
    void wrongValueTypeNamesPathAndExpectedType() {
        String body = "{\"kind\":\"Deployment\",\"spec\":{\"replicas\":\"three\"}}";

        MalformedInputException error = assertThrows(MalformedInputException.class,
                () -> Serialization.read(utf8(body), Deployment.class));

        assertEquals("spec.replicas", error.path());
        assertTrue(error.getMessage().contains("expected an integer"), error.getMessage());
    }

    @Test
    void syntaxErrorNamesLineAndColumn() {
        String body = "{\"kind\":\"Pod\",\n \"metadata\": {\"name\": }}";

        MalformedInputException error = assertThrows(MalformedInputException.class,
                () -> Serialization.readResource(utf8(body), "application/json"));

        assertNull(error.path());
        assertTrue(error.getMessage().startsWith("malformed input at line 2, column"), error.getMessage());
    }

    @Test
    void duplicateKeyIsRejected() {
        String body = "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"a\",\"name\":\"b\"}}";

        MalformedInputException error = assertThrows(MalformedInputException.class,
                () -> Serialization.readResource(utf8(body), "application/json"));

        assertTrue(error.getMessage().contains("name"), error.getMessage());
    }

    @Test
    void missingOrUnknownKindListsTheKnownKinds() {
        MalformedInputException missing = assertThrows(MalformedInputException.class,
                () -> Serialization.readResource(utf8("{\"metadata\":{}}"), null));
        MalformedInputException unknown = assertThrows(MalformedInputException.class,
                () -> Serialization.readResource(utf8("{\"kind\":\"Service\"}"), null));

        String kinds = "Pod, Node, Deployment, ReplicaSet, Lease, Role, ClusterRole, RoleBinding, ClusterRoleBinding, "
                + "IsolationPolicy, Event";
        assertEquals("missing field \"kind\": expected one of " + kinds, missing.getMessage());
        assertEquals("unknown kind \"Service\": expected one of " + kinds, unknown.getMessage());
    }

    @Test
    void emptyBodyIsRejected() {
        MalformedInputException error = assertThrows(MalformedInputException.class,
                () -> Serialization.read(new byte[0], Pod.class));

        assertEquals("empty body: expected a Pod", error.getMessage());
    }

    @Test
    void readAllReadsEveryYamlDocumentByKind() {
        String manifest = "apiVersion: boss.io/v1\nkind: Pod\nmetadata:\n  name: a\n"
                + "---\n"
                + "---\n"
                + "kind: Deployment\nmetadata:\n  name: b\nspec:\n  replicas: 2\n"
                + "  strategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 50%\n";

        List<Resource> resources = Serialization.readAll(new ByteArrayInputStream(utf8(manifest)));

        assertEquals(2, resources.size());
        assertInstanceOf(Pod.class, resources.get(0));
        Deployment deployment = assertInstanceOf(Deployment.class, resources.get(1));
        assertEquals(2, deployment.getSpec().getReplicas());
        assertEquals(IntOrPercent.of(1), deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge());
        assertEquals(IntOrPercent.of("50%"), deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable());
    }

    @Test
    void readAllNamesTheDocumentOfAnError() {
        String manifest = "kind: Pod\nmetadata:\n  name: a\n---\nkind: Pod\nmetadata:\n  nmae: b\n";

        MalformedInputException error = assertThrows(MalformedInputException.class,
                () -> Serialization.readAll(new ByteArrayInputStream(utf8(manifest))));

        assertEquals("document 2: unknown field \"metadata.nmae\"", error.getMessage());
    }

    @Test
    void readAllNamesTheDocumentOfASyntaxError() {
        String first = "kind: Pod\nmetadata:\n  name: [a\n";
        String second = "kind: Pod\nmetadata:\n  name: a\n---\n" + first;

        MalformedInputException inFirst = assertThrows(MalformedInputException.class,
                () -> Serialization.readAll(new ByteArrayInputStream(utf8(first))));
        MalformedInputException inSecond = assertThrows(MalformedInputException.class,
                () -> Serialization.readAll(new ByteArrayInputStream(utf8(second))));

        assertTrue(inFirst.getMessage().startsWith("document 1: "), inFirst.getMessage());
        assertTrue(inSecond.getMessage().startsWith("document 2: "), inSecond.getMessage());
    }

    @Test
    void listAndWatchShapesRoundTrip() throws Exception {
        ObjectList<Pod> list = new ObjectList<>(ResourceKind.POD, List.of(Examples.pod()), "99");
        String listJson = Serialization.toJson(list);
        WatchEvent<Pod> event = new WatchEvent<>(WatchEventType.MODIFIED, Examples.pod());
        String eventJson = Serialization.toJson(event);

        ObjectList<Pod> readList = Serialization.json().readValue(listJson, Serialization.listType(Pod.class));
        WatchEvent<Pod> readEvent = Serialization.json().readValue(eventJson, Serialization.watchEventType(Pod.class));

        assertTrue(listJson.startsWith("{\"apiVersion\":\"boss.io/v1\",\"kind\":\"PodList\",\"metadata\":"
                + "{\"resourceVersion\":\"99\"},\"items\":["), listJson);
        assertEquals(list, readList);
        assertEquals(event, readEvent);
    }

    @Test
    void emptyListStillHasItems() {
        String json = Serialization.toJson(new ObjectList<Pod>(ResourceKind.POD, List.of(), "5"));

        assertTrue(json.contains("\"items\":[]"), json);
    }

    @Test
    void clusterViewAndApiErrorRoundTrip() throws Exception {
        ReplicaView replica = new ReplicaView();
        replica.setId("r1");
        replica.setRole("LEADER");
        replica.setHttpAddress("http://127.0.0.1:8080");
        replica.setRaftAddress("127.0.0.1:9000");
        replica.setCommitIndex(10);
        replica.setAppliedIndex(9);
        ClusterView view = new ClusterView();
        view.setLeaderId("r1");
        view.setTerm(4);
        view.setReplicas(List.of(replica));
        ApiError error = ApiError.conflict("stale resourceVersion 3");

        ClusterView readView = Serialization.read(utf8(Serialization.toJson(view)), ClusterView.class);
        ApiError readError = Serialization.read(utf8(Serialization.toJson(error)), ApiError.class);

        assertEquals(view, readView);
        assertEquals(error, readError);
        assertEquals("{\"code\":409,\"reason\":\"Conflict\",\"message\":\"stale resourceVersion 3\"}",
                Serialization.toJson(error));
    }

    @Test
    void copyIsDeepAndEqual() {
        Pod original = Examples.pod();

        Pod copy = Serialization.copy(original);
        copy.getMetadata().getLabels().put("changed", "true");

        assertEquals(Examples.pod(), original);
        assertFalse(original.getMetadata().getLabels().containsKey("changed"));
    }
}
