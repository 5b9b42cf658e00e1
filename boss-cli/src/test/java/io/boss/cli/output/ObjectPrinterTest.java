package io.boss.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.boss.api.ResourceKind;
import io.boss.api.json.Serialization;
import io.boss.api.model.ObjectList;
import io.boss.api.model.Pod;
import io.boss.api.model.Resource;
import io.boss.cli.testing.Fixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ObjectPrinterTest {

    private static ObjectList<Resource> podList() {
        Pod web = Fixtures.runningPod("default", "web", "node-1", "proc-1");
        web.getMetadata().setResourceVersion("7");
        Pod queued = Fixtures.pod("default", "queued", 3);
        return new ObjectList<>(ResourceKind.POD, List.of(web, queued), "9");
    }

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = {"JSON", "YAML"})
    void listHasTheApiListShape(OutputFormat format) throws Exception {
        ObjectList<Resource> list = podList();

        JsonNode printed = Serialization.yaml().readTree(ObjectPrinter.render(format, list));

        assertEquals(Serialization.json().readTree(Serialization.toJson(list)), printed);
        assertEquals("boss.io/v1", printed.path("apiVersion").asText());
        assertEquals("PodList", printed.path("kind").asText());
        assertEquals("9", printed.path("metadata").path("resourceVersion").asText());
        assertEquals(2, printed.path("items").size());
    }

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = {"JSON", "YAML"})
    void singleObjectReadsBackEqual(OutputFormat format) throws Exception {
        Pod pod = Fixtures.runningPod("default", "web", "node-1", "proc-1");

        Pod printed = Serialization.yaml().readValue(ObjectPrinter.render(format, pod), Pod.class);

        assertEquals(pod, printed);
    }

    @Test
    void emptyListStillHasItems() throws Exception {
        ObjectList<Resource> empty = new ObjectList<>(ResourceKind.NODE, List.of(), "3");

        JsonNode printed = Serialization.json().readTree(ObjectPrinter.render(OutputFormat.JSON, empty));

        assertTrue(printed.has("items"));
        assertEquals("NodeList", printed.path("kind").asText());
    }

    @Test
    void yamlHasNoDocumentMarker() {
        String yaml = ObjectPrinter.render(OutputFormat.YAML, Fixtures.node("node-1"));

        assertFalse(yaml.startsWith("---"));
        assertTrue(yaml.startsWith("apiVersion: boss.io/v1"));
    }

    @Test
    void namesAreLowercaseKindSlashName() {
        StringWriter text = new StringWriter();

        ObjectPrinter.printNames(new PrintWriter(text), podList());

        assertEquals("pod/web" + System.lineSeparator() + "pod/queued" + System.lineSeparator(), text.toString());
    }

    @Test
    void unknownFormatIsRejectedWithTheChoices() {
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> OutputFormat.parse("xml"));

        assertEquals("invalid output format \"xml\": use one of wide, json, yaml, name", error.getMessage());
    }
}
