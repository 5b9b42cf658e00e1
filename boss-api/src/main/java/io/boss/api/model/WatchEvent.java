package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One line of a watch stream: {@code {"type": ..., "object": ...}}, written as newline-delimited
 * JSON in revision order.
 *
 * <p>For ADDED and MODIFIED the object is the new state; for DELETED it is the last state with
 * {@code metadata.resourceVersion} set to the deleting revision. A BOOKMARK object is an object of
 * the watched kind carrying only {@code metadata.resourceVersion}. An ERROR object is an
 * {@link io.boss.api.error.ApiError}, so a reader that wants to handle errors reads the line as a
 * tree first; {@link io.boss.api.client.BossClient} does that.
 *
 * @param <T> the type of {@code object}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WatchEvent<T> {

    private WatchEventType type;
    private T object;

    public WatchEvent() {
    }

    public WatchEvent(WatchEventType type, T object) {
        this.type = type;
        this.object = object;
    }

    public WatchEventType getType() {
        return type;
    }

    public void setType(WatchEventType type) {
        this.type = type;
    }

    public T getObject() {
        return object;
    }

    public void setObject(T object) {
        this.object = object;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof WatchEvent)) {
            return false;
        }
        WatchEvent<?> that = (WatchEvent<?>) other;
        return type == that.type && Objects.equals(object, that.object);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, object);
    }

    @Override
    public String toString() {
        return type + " " + object;
    }
}
