package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One grant of a {@link RoleSpec}: the {@code verbs} (get, list, watch, create, update, delete, or
 * {@code *}) allowed on the {@code resources} (plurals such as {@code pods}, a status subresource
 * such as {@code pods/status}, or {@code *}). A non-empty {@code resourceNames} narrows the grant
 * to objects with those names.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PolicyRule {

    /** Matches every verb or every resource. */
    public static final String ALL = "*";

    private List<String> verbs = new ArrayList<>();
    private List<String> resources = new ArrayList<>();
    private List<String> resourceNames = new ArrayList<>();

    public PolicyRule() {
    }

    public PolicyRule(List<String> verbs, List<String> resources) {
        this.verbs = new ArrayList<>(verbs);
        this.resources = new ArrayList<>(resources);
    }

    /** Returns true when this rule grants {@code verb} on {@code resource}, for the object {@code name} when not null. */
    public boolean grants(String verb, String resource, String name) {
        boolean verbMatches = verbs.contains(ALL) || verbs.contains(verb);
        boolean resourceMatches = resources.contains(ALL) || resources.contains(resource);
        boolean nameMatches = resourceNames.isEmpty() || name != null && resourceNames.contains(name);
        return verbMatches && resourceMatches && nameMatches;
    }

    public List<String> getVerbs() {
        return verbs;
    }

    public void setVerbs(List<String> verbs) {
        this.verbs = verbs == null ? new ArrayList<>() : verbs;
    }

    public List<String> getResources() {
        return resources;
    }

    public void setResources(List<String> resources) {
        this.resources = resources == null ? new ArrayList<>() : resources;
    }

    public List<String> getResourceNames() {
        return resourceNames;
    }

    public void setResourceNames(List<String> resourceNames) {
        this.resourceNames = resourceNames == null ? new ArrayList<>() : resourceNames;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PolicyRule that)) {
            return false;
        }
        return verbs.equals(that.verbs) && resources.equals(that.resources) && resourceNames.equals(that.resourceNames);
    }

    @Override
    public int hashCode() {
        return Objects.hash(verbs, resources, resourceNames);
    }
}
