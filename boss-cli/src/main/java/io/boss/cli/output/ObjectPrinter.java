package io.boss.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.boss.api.json.Serialization;
import io.boss.api.model.ObjectList;
import io.boss.api.model.Resource;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints objects and lists in the shapes the HTTP API serves: one object for a single read, the
 * {@code {apiVersion, kind: <Kind>List, metadata: {resourceVersion}, items}} list for a list.
 * JSON is indented; YAML is written by the same mapper settings the API uses.
 */
public final class ObjectPrinter {

    private ObjectPrinter() {
    }

    /** Prints one object or one list as JSON or YAML. */
    public static void print(PrintWriter out, OutputFormat format, Object value) {
        out.print(render(format, value));
        out.flush();
    }

    /** Renders one object or list; JSON output ends with a newline, like YAML output. */
    public static String render(OutputFormat format, Object value) {
        try {
            switch (format) {
                case JSON:
                    return Serialization.json().writerWithDefaultPrettyPrinter().writeValueAsString(value)
                            + System.lineSeparator();
                case YAML:
                    return Serialization.yaml().writeValueAsString(value);
                default:
                    throw new IllegalArgumentException("format " + format + " does not print whole objects");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("failed to write " + value.getClass().getSimpleName(), e);
        }
    }

    /** Prints {@code kind/name} for each item, as {@code kubectl get -o name} does. */
    public static void printNames(PrintWriter out, ObjectList<? extends Resource> list) {
        for (Resource item : list.getItems()) {
            out.println(qualifiedName(item));
        }
        out.flush();
    }

    /** Returns {@code kind/name} with the kind in lower case, such as {@code pod/web}. */
    public static String qualifiedName(Resource item) {
        return item.resourceKind().kind().toLowerCase(Locale.ROOT) + "/" + item.getMetadata().getName();
    }
}
