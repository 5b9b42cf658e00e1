package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The structured label selector of a ReplicaSet or Deployment: every {@code matchLabels} pair and
 * every expression must match. {@link io.boss.api.selector.LabelSelector#of} turns it into a
 * matcher; an empty selector matches everything.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class LabelSelector {

    private Map<String, String> matchLabels = new LinkedHashMap<>();
    private List<LabelSelectorRequirement> matchExpressions = new ArrayList<>();

    public LabelSelector() {
    }

    public Map<String, String> getMatchLabels() {
        return matchLabels;
    }

    public void setMatchLabels(Map<String, String> matchLabels) {
        this.matchLabels = matchLabels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(matchLabels);
    }

    public List<LabelSelectorRequirement> getMatchExpressions() {
        return matchExpressions;
    }

    public void setMatchExpressions(List<LabelSelectorRequirement> matchExpressions) {
        this.matchExpressions = matchExpressions == null ? new ArrayList<>() : new ArrayList<>(matchExpressions);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        LabelSelector that = (LabelSelector) other;
        return Objects.equals(matchLabels, that.matchLabels)
                && Objects.equals(matchExpressions, that.matchExpressions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(matchLabels, matchExpressions);
    }
}
