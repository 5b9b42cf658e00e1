package io.boss.server.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Configuration of one boss-server replica, read from Dropwizard YAML.
 *
 * <p>Every key has a default, so the server also starts with no file at all: a single-replica
 * group {@code r1} with HTTP on 127.0.0.1:8080, admin on 127.0.0.1:8081, Raft on 127.0.0.1:9080
 * and data under {@code ./boss-data/r1}.
 */
public class BossServerConfiguration extends Configuration {

    /** Log line layout: level, time, replica id (see {@code ReplicaConverter}), logger and message. */
    public static final String LOG_FORMAT = "%-5p [%d{ISO8601,UTC}] [%replica] %c: %m%n%rEx";

    static final String DEFAULT_REPLICA_ID = "r1";
    static final String DEFAULT_RAFT_ADDRESS = "127.0.0.1:9080";
    static final String DEFAULT_HTTP_ADDRESS = "http://127.0.0.1:8080";

    /** Id of this replica; must be one of the peer ids when peers are listed. */
    @NotEmpty
    @Pattern(regexp = "[a-z0-9]([-a-z0-9]*[a-z0-9])?", message = "must be a DNS-1123 label such as r1")
    private String replicaId = DEFAULT_REPLICA_ID;

    /** Every replica of the group, this one included; empty means a single-replica group. */
    @NotNull
    @Valid
    private List<PeerConfig> peers = new ArrayList<>();

    /** Directory of the Raft log and snapshots; empty means ./boss-data/{replicaId}. */
    private String dataDir;

    /** Raft store settings. */
    @NotNull
    @Valid
    private RaftSettings raft = new RaftSettings();

    /** HTTP API settings. */
    @NotNull
    @Valid
    private ApiSettings api = new ApiSettings();

    /** Leader-only service settings. */
    @NotNull
    @Valid
    private LeadershipSettings leadership = new LeadershipSettings();

    /** Controller manager settings: workload controllers, garbage collector, node lifecycle. */
    @NotNull
    @Valid
    private ControllerSettings controllers = new ControllerSettings();

    /** Authentication, authorization and per-user request limits. */
    @NotNull
    @Valid
    private SecuritySettings security = new SecuritySettings();

    public BossServerConfiguration() {
        setServerFactory(loopbackServerFactory());
        setLoggingFactory(replicaTaggedLogging());
    }

    private static DefaultServerFactory loopbackServerFactory() {
        HttpConnectorFactory application = new HttpConnectorFactory();
        application.setBindHost("127.0.0.1");
        application.setPort(8080);

        HttpConnectorFactory admin = new HttpConnectorFactory();
        admin.setBindHost("127.0.0.1");
        admin.setPort(8081);

        DefaultServerFactory server = new DefaultServerFactory();
        server.setApplicationConnectors(List.of(application));
        server.setAdminConnectors(List.of(admin));
        server.setRegisterDefaultExceptionMappers(false);
        return server;
    }

    private static DefaultLoggingFactory replicaTaggedLogging() {
        ConsoleAppenderFactory<ch.qos.logback.classic.spi.ILoggingEvent> console = new ConsoleAppenderFactory<>();
        console.setLogFormat(LOG_FORMAT);

        DefaultLoggingFactory logging = new DefaultLoggingFactory();
        logging.setAppenders(List.of(console));
        return logging;
    }

    /** Returns the peers, or this replica alone on the default addresses when none are listed. */
    @JsonIgnore
    public List<PeerConfig> effectivePeers() {
        if (!peers.isEmpty()) {
            return List.copyOf(peers);
        }
        return List.of(new PeerConfig(replicaId, DEFAULT_RAFT_ADDRESS, DEFAULT_HTTP_ADDRESS));
    }

    /** Returns the data directory, defaulting to ./boss-data/{replicaId}. */
    @JsonIgnore
    public Path effectiveDataDir() {
        if (dataDir == null || dataDir.isBlank()) {
            return Path.of("boss-data", replicaId);
        }
        return Path.of(dataDir);
    }

    @ValidationMethod(message = "replicaId must be one of the peer ids, and peer ids must be unique")
    @JsonIgnore
    public boolean isPeerListConsistent() {
        if (peers.isEmpty()) {
            return true;
        }
        Set<String> ids = new HashSet<>();
        for (PeerConfig peer : peers) {
            if (peer.getId() != null && !ids.add(peer.getId())) {
                return false;
            }
        }
        return ids.contains(replicaId);
    }

    @JsonProperty
    public String getReplicaId() {
        return replicaId;
    }

    @JsonProperty
    public void setReplicaId(String replicaId) {
        this.replicaId = replicaId;
    }

    @JsonProperty
    public List<PeerConfig> getPeers() {
        return peers;
    }

    @JsonProperty
    public void setPeers(List<PeerConfig> peers) {
        this.peers = peers;
    }

    @JsonProperty
    public String getDataDir() {
        return dataDir;
    }

    @JsonProperty
    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    @JsonProperty
    public RaftSettings getRaft() {
        return raft;
    }

    @JsonProperty
    public void setRaft(RaftSettings raft) {
        this.raft = raft;
    }

    @JsonProperty
    public ApiSettings getApi() {
        return api;
    }

    @JsonProperty
    public void setApi(ApiSettings api) {
        this.api = api;
    }

    @JsonProperty
    public LeadershipSettings getLeadership() {
        return leadership;
    }

    @JsonProperty
    public void setLeadership(LeadershipSettings leadership) {
        this.leadership = leadership;
    }

    @JsonProperty
    public ControllerSettings getControllers() {
        return controllers;
    }

    @JsonProperty
    public void setControllers(ControllerSettings controllers) {
        this.controllers = controllers;
    }

    @JsonProperty
    public SecuritySettings getSecurity() {
        return security;
    }

    @JsonProperty
    public void setSecurity(SecuritySettings security) {
        this.security = security;
    }
}
