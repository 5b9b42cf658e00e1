package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One program in a pod. For a process pod {@code command} is the executable and its first
 * arguments and {@code args} follow it; for a container pod they override the image's entrypoint
 * and command as in Kubernetes.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class Container {

    private String name;
    private String image;
    private List<String> command = new ArrayList<>();
    private List<String> args = new ArrayList<>();
    private List<EnvVar> env = new ArrayList<>();
    private ResourceRequirements resources;

    public Container() {
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public List<String> getCommand() {
        return command;
    }

    public void setCommand(List<String> command) {
        this.command = command == null ? new ArrayList<>() : new ArrayList<>(command);
    }

    public List<String> getArgs() {
        return args;
    }

    public void setArgs(List<String> args) {
        this.args = args == null ? new ArrayList<>() : new ArrayList<>(args);
    }

    public List<EnvVar> getEnv() {
        return env;
    }

    public void setEnv(List<EnvVar> env) {
        this.env = env == null ? new ArrayList<>() : new ArrayList<>(env);
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        Container that = (Container) other;
        return Objects.equals(name, that.name)
                && Objects.equals(image, that.image)
                && Objects.equals(command, that.command)
                && Objects.equals(args, that.args)
                && Objects.equals(env, that.env)
                && Objects.equals(resources, that.resources);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, image, command, args, env, resources);
    }
}
