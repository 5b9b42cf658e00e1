package io.boss.api.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One server replica in a {@link ClusterView}. {@code role} is one of LEADER, FOLLOWER, CANDIDATE,
 * UNREACHABLE; {@code httpAddress} is the URL a client uses for the replica. Indexes are -1 where
 * the reporting replica cannot know them.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ReplicaView {

    private String id;
    private String role;
    private String httpAddress;
    private String raftAddress;
    private long commitIndex;
    private long appliedIndex;

    public ReplicaView() {
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getHttpAddress() {
        return httpAddress;
    }

    public void setHttpAddress(String httpAddress) {
        this.httpAddress = httpAddress;
    }

    public String getRaftAddress() {
        return raftAddress;
    }

    public void setRaftAddress(String raftAddress) {
        this.raftAddress = raftAddress;
    }

    public long getCommitIndex() {
        return commitIndex;
    }

    public void setCommitIndex(long commitIndex) {
        this.commitIndex = commitIndex;
    }

    public long getAppliedIndex() {
        return appliedIndex;
    }

    public void setAppliedIndex(long appliedIndex) {
        this.appliedIndex = appliedIndex;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (other == null || getClass() != other.getClass()) {
            return false;
        }
        ReplicaView that = (ReplicaView) other;
        return Objects.equals(id, that.id)
                && Objects.equals(role, that.role)
                && Objects.equals(httpAddress, that.httpAddress)
                && Objects.equals(raftAddress, that.raftAddress)
                && commitIndex == that.commitIndex
                && appliedIndex == that.appliedIndex;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, role, httpAddress, raftAddress, commitIndex, appliedIndex);
    }
}
