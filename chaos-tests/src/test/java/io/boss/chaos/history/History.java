package io.boss.chaos.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operations and events of one chaos run, in completion order. Thread-safe: clients, watchers
 * and the fault schedule append concurrently.
 */
public final class History {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final long startNanos = System.nanoTime();
    private final AtomicInteger nextId = new AtomicInteger();
    private final List<Op> ops = new ArrayList<>();
    private final List<Map<String, Object>> events = new ArrayList<>();

    /** Returns the id for the next operation. */
    public int nextId() {
        return nextId.getAndIncrement();
    }

    public synchronized void add(Op op) {
        ops.add(op);
    }

    /** Records a fault, a phase change or another event with the time since the run started. */
    public synchronized void event(String kind, String description) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", kind);
        event.put("atMillis", (System.nanoTime() - startNanos) / 1_000_000);
        event.put("description", description);
        events.add(event);
    }

    public synchronized List<Op> ops() {
        return List.copyOf(ops);
    }

    /** Writes every event and operation as one JSON object per line; times are milliseconds since the start. */
    public synchronized void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map<String, Object> event : events) {
                out.write(JSON.writeValueAsString(event));
                out.newLine();
            }
            for (Op op : ops) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("op", op.id());
                line.put("client", op.client());
                line.put("replica", op.replica());
                line.put("key", op.key());
                line.put("type", op.type().name());
                line.put("expected", op.expected());
                line.put("value", op.value());
                line.put("invokeMillis", (op.invokeNanos() - startNanos) / 1e6);
                line.put("completeMillis", (op.completeNanos() - startNanos) / 1e6);
                line.put("outcome", op.outcome().name());
                line.put("detail", op.detail());
                out.write(JSON.writeValueAsString(line));
                out.newLine();
            }
        }
    }
}
