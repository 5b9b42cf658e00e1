package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One set-based expression of a {@link LabelSelector}: {@code key operator values}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class LabelSelectorRequirement {

    private String key;
    /** One of In, NotIn, Exists, DoesNotExist. */
    private String operator;
    /** Must be non-empty for In and NotIn and empty otherwise. */
    private List<String> values = new ArrayList<>();

    public LabelSelectorRequirement() {
    }

    /** Creates an expression with the given key, operator and values. */
    public LabelSelectorRequirement(String key, String operator, List<String> values) {
        this.key = key;
        this.operator = operator;
        setValues(values);
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getOperator() {
        return operator;
    }

    public void setOperator(String operator) {
        this.operator = operator;
    }

    public List<String> getValues() {
        return values;
    }

    public void setValues(List<String> values) {
        this.values = values == null ? new ArrayList<>() : new ArrayList<>(values);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        LabelSelectorRequirement that = (LabelSelectorRequirement) other;
        return Objects.equals(key, that.key)
                && Objects.equals(operator, that.operator)
                && Objects.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, operator, values);
    }
}
