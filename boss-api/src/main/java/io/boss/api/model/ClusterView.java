package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The control plane as reported by one replica, served at {@code GET /api/v1/cluster}. {@code
 * leaderId} is null while no leader is known.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ClusterView {

    private String leaderId;
    private long term;
    private List<ReplicaView> replicas = new ArrayList<>();

    public ClusterView() {
    }

    /** Returns the replica with the given id, if listed. */
    public Optional<ReplicaView> replica(String id) {
        return replicas.stream().filter(replica -> replica.getId().equals(id)).findFirst();
    }

    public String getLeaderId() {
        return leaderId;
    }

    public void setLeaderId(String leaderId) {
        this.leaderId = leaderId;
    }

    public long getTerm() {
        return term;
    }

    public void setTerm(long term) {
        this.term = term;
    }

    public List<ReplicaView> getReplicas() {
        return replicas;
    }

    public void setReplicas(List<ReplicaView> replicas) {
        this.replicas = replicas == null ? new ArrayList<>() : new ArrayList<>(replicas);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        ClusterView that = (ClusterView) other;
        return Objects.equals(leaderId, that.leaderId)
                && term == that.term
                && Objects.equals(replicas, that.replicas);
    }

    @Override
    public int hashCode() {
        return Objects.hash(leaderId, term, replicas);
    }
}
