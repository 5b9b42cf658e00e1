package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/** The sandbox a pod requests: what artifact it runs, how isolated, and on which network. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class SandboxIntent {

    private Artifact artifact;
    /** One of the IsolationLevel wire names. Null means the weakest level the class offers. */
    private String isolation;
    private NetworkSpec network;

    public SandboxIntent() {
    }

    /** Returns the requested isolation level, or null when unset or unknown. */
    public IsolationLevel resolvedIsolation() {
        return IsolationLevel.fromWireName(isolation);
    }

    public Artifact getArtifact() {
        return artifact;
    }

    public void setArtifact(Artifact artifact) {
        this.artifact = artifact;
    }

    public String getIsolation() {
        return isolation;
    }

    public void setIsolation(String isolation) {
        this.isolation = isolation;
    }

    public NetworkSpec getNetwork() {
        return network;
    }

    public void setNetwork(NetworkSpec network) {
        this.network = network;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        SandboxIntent that = (SandboxIntent) other;
        return Objects.equals(artifact, that.artifact)
                && Objects.equals(isolation, that.isolation)
                && Objects.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return Objects.hash(artifact, isolation, network);
    }
}
