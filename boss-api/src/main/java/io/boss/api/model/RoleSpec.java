package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The rules of a {@link Role} or {@link ClusterRole}; a request is allowed when any rule grants it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class RoleSpec {

    private List<PolicyRule> rules = new ArrayList<>();

    public RoleSpec() {
    }

    public RoleSpec(List<PolicyRule> rules) {
        this.rules = new ArrayList<>(rules);
    }

    public List<PolicyRule> getRules() {
        return rules;
    }

    public void setRules(List<PolicyRule> rules) {
        this.rules = rules == null ? new ArrayList<>() : rules;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof RoleSpec that && rules.equals(that.rules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rules);
    }
}
