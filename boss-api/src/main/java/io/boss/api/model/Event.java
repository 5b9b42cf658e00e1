package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.boss.api.ResourceKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A report that something happened to an object, such as a pod being scheduled or a sandbox
 * exiting, shaped like a Kubernetes core/v1 Event. Events are namespaced: an event about a
 * namespaced object lives in that object's namespace, and an event about a cluster-scoped object
 * (a Node) lives in namespace {@code default}.
 *
 * <p>Repeats of the same occurrence are aggregated into one object: {@code count} is how often
 * it happened between {@code firstTimestamp} and {@code lastTimestamp}. Events are best effort:
 * a recorder may drop them under load, and the garbage collector deletes them after a TTL.
 */
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "involvedObject", "reason", "message", "type", "source",
        "count", "firstTimestamp", "lastTimestamp"})
public class Event extends Resource {

    /** The type of an event about an expected change. */
    public static final String NORMAL = "Normal";
    /** The type of an event about a failure or another problem an operator may need to act on. */
    public static final String WARNING = "Warning";
    /** Every valid value of {@code type}. */
    public static final List<String> TYPES = List.of(NORMAL, WARNING);
    /** The namespace of events about cluster-scoped objects, as in Kubernetes. */
    public static final String CLUSTER_SCOPED_NAMESPACE = "default";

    private ObjectReference involvedObject = new ObjectReference();
    private String reason;
    private String message;
    private String type;
    private EventSource source = new EventSource();
    private Integer count;
    private Instant firstTimestamp;
    private Instant lastTimestamp;

    public Event() {
        super(ResourceKind.EVENT.kind());
    }

    /** Creates an object with the given namespace and name. */
    public Event(String namespace, String name) {
        this();
        setMetadata(new ObjectMeta(namespace, name));
    }

    /** Returns the namespace that contains the events about {@code involvedObject}. */
    public static String namespaceFor(ObjectReference involvedObject) {
        String namespace = involvedObject.getNamespace();
        return namespace == null || namespace.isEmpty() ? CLUSTER_SCOPED_NAMESPACE : namespace;
    }

    @Override
    public ResourceKind resourceKind() {
        return ResourceKind.EVENT;
    }

    public ObjectReference getInvolvedObject() {
        return involvedObject;
    }

    public void setInvolvedObject(ObjectReference involvedObject) {
        this.involvedObject = involvedObject;
    }

    /** Returns the short UpperCamelCase cause, such as {@code Scheduled} or {@code FailedScheduling}. */
    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    /** Returns {@link #NORMAL} or {@link #WARNING}. */
    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public EventSource getSource() {
        return source;
    }

    public void setSource(EventSource source) {
        this.source = source;
    }

    /** Returns how many times the occurrence happened, at least 1 once recorded. */
    public Integer getCount() {
        return count;
    }

    public void setCount(Integer count) {
        this.count = count;
    }

    public Instant getFirstTimestamp() {
        return firstTimestamp;
    }

    public void setFirstTimestamp(Instant firstTimestamp) {
        this.firstTimestamp = firstTimestamp;
    }

    public Instant getLastTimestamp() {
        return lastTimestamp;
    }

    public void setLastTimestamp(Instant lastTimestamp) {
        this.lastTimestamp = lastTimestamp;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!super.equals(other)) {
            return false;
        }
        Event that = (Event) other;
        return Objects.equals(involvedObject, that.involvedObject)
                && Objects.equals(reason, that.reason)
                && Objects.equals(message, that.message)
                && Objects.equals(type, that.type)
                && Objects.equals(source, that.source)
                && Objects.equals(count, that.count)
                && Objects.equals(firstTimestamp, that.firstTimestamp)
                && Objects.equals(lastTimestamp, that.lastTimestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), involvedObject, reason, message, type, source, count, firstTimestamp,
                lastTimestamp);
    }
}
