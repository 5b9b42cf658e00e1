package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The user or group a binding grants its role to: {@code kind} is {@code User} (an identity such as
 * {@code alice} or {@code system:node:node-1}) or {@code Group} (such as {@code system:nodes}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class Subject {

    public static final String USER = "User";
    public static final String GROUP = "Group";

    private String kind;
    private String name;

    public Subject() {
    }

    public Subject(String kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    @Override
    public boolean equals(Object other) {
        return this == other
                || other instanceof Subject that && Objects.equals(kind, that.kind) && Objects.equals(name, that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name);
    }
}
