package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The component that reported an {@link Event}, such as {@code scheduler} or {@code boss-node},
 * and the host it ran on: the node name for a node agent, the replica id for a control-plane
 * service.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class EventSource {

    private String component;
    private String host;

    public EventSource() {
    }

    public EventSource(String component, String host) {
        this.component = component;
        this.host = host;
    }

    public String getComponent() {
        return component;
    }

    public void setComponent(String component) {
        this.component = component;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof EventSource that
                && Objects.equals(component, that.component)
                && Objects.equals(host, that.host);
    }

    @Override
    public int hashCode() {
        return Objects.hash(component, host);
    }

    /** Returns {@code component, host}, or just the component when the host is unset, as describe prints it. */
    @Override
    public String toString() {
        String name = Objects.toString(component, "");
        return host == null || host.isEmpty() ? name : name + ", " + host;
    }
}
