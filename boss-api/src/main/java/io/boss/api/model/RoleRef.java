package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** The role a binding grants: {@code kind} is {@code Role} or {@code ClusterRole}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class RoleRef {

    public static final String ROLE = "Role";
    public static final String CLUSTER_ROLE = "ClusterRole";

    private String kind;
    private String name;

    public RoleRef() {
    }

    public RoleRef(String kind, String name) {
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
                || other instanceof RoleRef that && Objects.equals(kind, that.kind) && Objects.equals(name, that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name);
    }

    @Override
    public String toString() {
        return kind + "/" + name;
    }
}
