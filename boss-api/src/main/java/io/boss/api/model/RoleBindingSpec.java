package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The role a {@link RoleBinding} or {@link ClusterRoleBinding} grants and the subjects it grants it to. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class RoleBindingSpec {

    private RoleRef roleRef;
    private List<Subject> subjects = new ArrayList<>();

    public RoleBindingSpec() {
    }

    public RoleBindingSpec(RoleRef roleRef, List<Subject> subjects) {
        this.roleRef = roleRef;
        this.subjects = new ArrayList<>(subjects);
    }

    public RoleRef getRoleRef() {
        return roleRef;
    }

    public void setRoleRef(RoleRef roleRef) {
        this.roleRef = roleRef;
    }

    public List<Subject> getSubjects() {
        return subjects;
    }

    public void setSubjects(List<Subject> subjects) {
        this.subjects = subjects == null ? new ArrayList<>() : subjects;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof RoleBindingSpec that
                && Objects.equals(roleRef, that.roleRef) && subjects.equals(that.subjects);
    }

    @Override
    public int hashCode() {
        return Objects.hash(roleRef, subjects);
    }
}
