package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Desired state of a pod: what it runs and how it is isolated. Enum-like fields are strings so
 * that a bad value reaches validation, which reports every problem at once. The
 * {@code resolved...} methods return the typed value.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PodSpec {

    /** One of process, container, wasm, vm, microvm. It wins over runtimeClass. */
    private String sandboxClass;
    /** Legacy class name, accepted with the aliases baremetal and firecracker. */
    private String runtimeClass;
    /** Artifact, isolation and network intent. Null means the defaults of the class. */
    private SandboxIntent sandbox;
    private List<Container> containers = new ArrayList<>();
    /** One of Always, OnFailure, Never. Null means Always. */
    private String restartPolicy;
    /** The node the pod is bound to. Only the scheduler sets it. */
    private String nodeName;
    /** Seconds between the stop signal and the kill. Null means the provider default. */
    private Long terminationGracePeriodSeconds;

    public PodSpec() {
    }

    /**
     * Returns the sandbox class this pod runs in, by the rule {@code sandboxClass} over
     * {@code runtimeClass} over {@code process}, or null when the winning name is unknown.
     */
    public SandboxClass resolvedSandboxClass() {
        return SandboxClass.resolve(sandboxClass, runtimeClass);
    }

    /** Returns the restart policy, {@link RestartPolicy#ALWAYS} when unset, or null when unknown. */
    public RestartPolicy resolvedRestartPolicy() {
        if (restartPolicy == null || restartPolicy.isEmpty()) {
            return RestartPolicy.ALWAYS;
        }
        return RestartPolicy.fromWireName(restartPolicy);
    }

    public String getSandboxClass() {
        return sandboxClass;
    }

    public void setSandboxClass(String sandboxClass) {
        this.sandboxClass = sandboxClass;
    }

    public String getRuntimeClass() {
        return runtimeClass;
    }

    public void setRuntimeClass(String runtimeClass) {
        this.runtimeClass = runtimeClass;
    }

    public SandboxIntent getSandbox() {
        return sandbox;
    }

    public void setSandbox(SandboxIntent sandbox) {
        this.sandbox = sandbox;
    }

    public List<Container> getContainers() {
        return containers;
    }

    public void setContainers(List<Container> containers) {
        this.containers = containers == null ? new ArrayList<>() : new ArrayList<>(containers);
    }

    public String getRestartPolicy() {
        return restartPolicy;
    }

    public void setRestartPolicy(String restartPolicy) {
        this.restartPolicy = restartPolicy;
    }

    public String getNodeName() {
        return nodeName;
    }

    public void setNodeName(String nodeName) {
        this.nodeName = nodeName;
    }

    public Long getTerminationGracePeriodSeconds() {
        return terminationGracePeriodSeconds;
    }

    public void setTerminationGracePeriodSeconds(Long terminationGracePeriodSeconds) {
        this.terminationGracePeriodSeconds = terminationGracePeriodSeconds;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        PodSpec that = (PodSpec) other;
        return Objects.equals(sandboxClass, that.sandboxClass)
                && Objects.equals(runtimeClass, that.runtimeClass)
                && Objects.equals(sandbox, that.sandbox)
                && Objects.equals(containers, that.containers)
                && Objects.equals(restartPolicy, that.restartPolicy)
                && Objects.equals(nodeName, that.nodeName)
                && Objects.equals(terminationGracePeriodSeconds, that.terminationGracePeriodSeconds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sandboxClass, runtimeClass, sandbox, containers, restartPolicy, nodeName,
                terminationGracePeriodSeconds);
    }
}
