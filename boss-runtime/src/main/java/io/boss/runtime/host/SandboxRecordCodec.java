package io.boss.runtime.host;

import io.boss.api.model.ArtifactType;
import io.boss.api.model.IsolationLevel;
import io.boss.api.model.NetworkMode;
import io.boss.api.model.SandboxClass;
import io.boss.runtime.SandboxArtifact;
import io.boss.runtime.SandboxSpec;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Converts a {@link SandboxRecord} to and from Java properties text. Lists are stored as
 * {@code name.count} plus {@code name.0 ...}, maps as {@code name.<key>}; enums by wire name.
 */
final class SandboxRecordCodec {

    private SandboxRecordCodec() {
    }

    static String encode(SandboxRecord record) {
        Properties props = new Properties();
        SandboxSpec spec = record.spec();

        put(props, "sandboxId", spec.sandboxId());
        put(props, "pod.namespace", spec.podNamespace());
        put(props, "pod.name", spec.podName());
        put(props, "pod.uid", spec.podUid());
        put(props, "sandboxClass", spec.sandboxClass().wireName());
        if (spec.artifact() != null) {
            put(props, "artifact.type", spec.artifact().type().wireName());
            put(props, "artifact.location", spec.artifact().location());
            put(props, "artifact.digest", spec.artifact().digest());
        }
        put(props, "isolation", spec.isolation() == null ? null : spec.isolation().wireName());
        put(props, "network", spec.network() == null ? null : spec.network().wireName());
        putList(props, "command", spec.command());
        putList(props, "args", spec.args());
        putMap(props, "env", spec.env());
        putMap(props, "label", spec.labels());
        put(props, "cpuMillis", spec.cpuMillis());
        put(props, "cpuRequestMillis", spec.cpuRequestMillis());
        put(props, "memoryBytes", spec.memoryBytes());

        put(props, "createdAt", record.createdAt());
        put(props, "startedAt", record.startedAt());
        put(props, "pid", record.pid());
        put(props, "startTicks", record.startTicks());
        put(props, "killedAt", record.killedAt());
        put(props, "stoppedBeforeStartAt", record.stoppedBeforeStartAt());

        StringWriter out = new StringWriter();
        try {
            props.store(out, "boss sandbox record");
        } catch (IOException e) {
            throw new IllegalStateException("writing to a StringWriter failed", e);
        }
        return out.toString();
    }

    /** Decodes a record; a missing or malformed field raises IllegalArgumentException naming it. */
    static SandboxRecord decode(String text) {
        Properties props = new Properties();
        try (Reader in = new StringReader(text)) {
            props.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed properties: " + e.getMessage(), e);
        }

        SandboxArtifact artifact = null;
        String artifactType = props.getProperty("artifact.type");
        if (artifactType != null) {
            artifact = new SandboxArtifact(parseEnum(artifactType, "artifact.type", ArtifactType::fromWireName),
                    props.getProperty("artifact.location"), props.getProperty("artifact.digest"));
        }
        SandboxSpec spec = new SandboxSpec(
                required(props, "sandboxId"),
                props.getProperty("pod.namespace"),
                props.getProperty("pod.name"),
                props.getProperty("pod.uid"),
                parseEnum(required(props, "sandboxClass"), "sandboxClass", SandboxClass::fromName),
                artifact,
                parseOptionalEnum(props, "isolation", IsolationLevel::fromWireName),
                parseOptionalEnum(props, "network", NetworkMode::fromWireName),
                getList(props, "command"),
                getList(props, "args"),
                getMap(props, "env"),
                getLong(props, "cpuMillis"),
                getLong(props, "cpuRequestMillis"),
                getLong(props, "memoryBytes"),
                getMap(props, "label"));

        Long startTicks = getLong(props, "startTicks");
        return new SandboxRecord(spec,
                getInstant(props, "createdAt"),
                getInstant(props, "startedAt"),
                getLong(props, "pid"),
                startTicks == null ? -1 : startTicks,
                getInstant(props, "killedAt"),
                getInstant(props, "stoppedBeforeStartAt"));
    }

    private static void put(Properties props, String key, Object value) {
        if (value != null) {
            props.setProperty(key, value.toString());
        }
    }

    private static void putList(Properties props, String prefix, List<String> values) {
        props.setProperty(prefix + ".count", Integer.toString(values.size()));
        for (int i = 0; i < values.size(); i++) {
            props.setProperty(prefix + "." + i, values.get(i));
        }
    }

    private static void putMap(Properties props, String prefix, Map<String, String> values) {
        values.forEach((key, value) -> props.setProperty(prefix + "." + key, value));
    }

    private static String required(Properties props, String key) {
        String value = props.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("field '" + key + "' is missing");
        }
        return value;
    }

    private static <E> E parseEnum(String value, String key, Function<String, E> parser) {
        E parsed = parser.apply(value);
        if (parsed == null) {
            throw new IllegalArgumentException("field '" + key + "' has unknown value '" + value + "'");
        }
        return parsed;
    }

    private static <E> E parseOptionalEnum(Properties props, String key, Function<String, E> parser) {
        String value = props.getProperty(key);
        return value == null ? null : parseEnum(value, key, parser);
    }

    private static List<String> getList(Properties props, String prefix) {
        int count = Integer.parseInt(required(props, prefix + ".count"));
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(required(props, prefix + "." + i));
        }
        return values;
    }

    private static Map<String, String> getMap(Properties props, String prefix) {
        Map<String, String> values = new TreeMap<>();
        String keyPrefix = prefix + ".";
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(keyPrefix)) {
                values.put(key.substring(keyPrefix.length()), props.getProperty(key));
            }
        }
        return values;
    }

    private static Long getLong(Properties props, String key) {
        String value = props.getProperty(key);
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("field '" + key + "' is not a number: '" + value + "'", e);
        }
    }

    private static Instant getInstant(Properties props, String key) {
        String value = props.getProperty(key);
        return value == null ? null : Instant.parse(value);
    }
}
