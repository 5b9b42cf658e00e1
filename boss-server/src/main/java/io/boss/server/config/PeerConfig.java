package io.boss.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/**
 * One replica of the Raft group: its id, the address its Raft transport listens on and the URL
 * clients use for its HTTP API.
 */
public class PeerConfig {

    /** Replica id, unique in the group; also the Ratis peer id. */
    @NotEmpty
    @Pattern(regexp = "[a-z0-9]([-a-z0-9]*[a-z0-9])?", message = "must be a DNS-1123 label such as r1")
    private String id;

    /** Raft transport address as host:port, for example 127.0.0.1:9080. */
    @NotEmpty
    @Pattern(regexp = "[^:\\s]+:\\d{1,5}", message = "must be host:port, for example 127.0.0.1:9080")
    private String raftAddress;

    /** Base URL of the replica's HTTP API, for example http://127.0.0.1:8080. */
    @NotEmpty
    @Pattern(regexp = "https?://\\S+", message = "must be an http:// or https:// URL")
    private String httpAddress;

    public PeerConfig() {
    }

    public PeerConfig(String id, String raftAddress, String httpAddress) {
        this.id = id;
        this.raftAddress = raftAddress;
        this.httpAddress = httpAddress;
    }

    @JsonProperty
    public String getId() {
        return id;
    }

    @JsonProperty
    public void setId(String id) {
        this.id = id;
    }

    @JsonProperty
    public String getRaftAddress() {
        return raftAddress;
    }

    @JsonProperty
    public void setRaftAddress(String raftAddress) {
        this.raftAddress = raftAddress;
    }

    @JsonProperty
    public String getHttpAddress() {
        return httpAddress;
    }

    @JsonProperty
    public void setHttpAddress(String httpAddress) {
        this.httpAddress = httpAddress;
    }
}
