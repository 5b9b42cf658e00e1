package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** Operator intent for a node. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class NodeSpec {

    /** True keeps the scheduler from binding new pods here, but running pods stay. */
    private boolean unschedulable;

    public NodeSpec() {
    }

    public boolean isUnschedulable() {
        return unschedulable;
    }

    public void setUnschedulable(boolean unschedulable) {
        this.unschedulable = unschedulable;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        NodeSpec that = (NodeSpec) other;
        return unschedulable == that.unschedulable;
    }

    @Override
    public int hashCode() {
        return Objects.hash(unschedulable);
    }
}
