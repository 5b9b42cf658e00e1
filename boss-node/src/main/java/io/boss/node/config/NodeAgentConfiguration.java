package io.boss.node.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The node agent's YAML configuration. Every key has a default, so the agent runs with no file at
 * all; {@code boss-node/config/example-node.yml} shows each key with its meaning.
 *
 * <p>The HTTP port (Dropwizard's {@code server} block) defaults to one connector on
 * 127.0.0.1:10250 that serves the log endpoint, with the admin pages under {@code /admin}, and a
 * shutdown grace period of 2 s.
 */
public class NodeAgentConfiguration extends Configuration {

    /** The environment variable read for the server list when {@code servers} is not set. */
    public static final String SERVERS_ENV = "BOSS_SERVERS";

    /** The server URL used when neither {@code servers} nor {@code BOSS_SERVERS} is set. */
    public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

    /** The default agent port, the one Kubernetes gives the kubelet. */
    public static final int DEFAULT_PORT = 10250;

    private static final String DNS_SUBDOMAIN = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

    /** The Node's name, a DNS-1123 subdomain; null for the host name in lower case. */
    @Pattern(regexp = DNS_SUBDOMAIN, message = "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.'")
    @JsonProperty
    private String nodeName;

    /** API server replica URLs; empty for {@code BOSS_SERVERS} (comma-separated), else http://127.0.0.1:8080. */
    @NotNull
    @JsonProperty
    private List<@Pattern(regexp = "https?://[^\\s,]+", message = "must be an http:// or https:// URL") String> servers =
            new ArrayList<>();

    /** Directory of the providers' sandbox records and output; null for ./boss-node-state/<nodeName>. */
    @JsonProperty
    private String stateDir;

    /** How often the agent renews its lease and checks its providers' capabilities. */
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration heartbeatInterval = Duration.seconds(2);

    /** How long the lease stays valid without renewal; the node lifecycle controller reads it. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration leaseDuration = Duration.seconds(10);

    /** How often the agent rewrites its Node status even when nothing changed, as the kubelet does. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @JsonProperty
    private Duration nodeStatusInterval = Duration.minutes(1);

    /** How often the agent polls its providers for sandboxes that exited or changed. */
    @NotNull
    @MinDuration(value = 50, unit = TimeUnit.MILLISECONDS)
    @JsonProperty
    private Duration sandboxPollInterval = Duration.seconds(1);

    /** Grace period for stopping a sandbox whose pod does not set terminationGracePeriodSeconds. */
    @NotNull
    @JsonProperty
    private Duration defaultTerminationGracePeriod = Duration.seconds(5);

    /**
     * Number of threads that reconcile pods; one pod is never reconciled by two at once. During a
     * pod start a worker mostly waits for the pod's status write (one Raft commit) and for fork,
     * exec and fsync. So more workers than cores help, and their concurrent status writes let the
     * store commit several in one batch.
     */
    @Min(1)
    @Max(64)
    @JsonProperty
    private int syncWorkers = 16;

    /** Overrides of the detected cpu and memory. */
    @Valid
    @NotNull
    @JsonProperty
    private AllocatableSettings allocatable = new AllocatableSettings();

    /** Settings of the built-in providers. */
    @Valid
    @NotNull
    @JsonProperty
    private ProvidersSettings providers = new ProvidersSettings();

    /** The URL servers use to reach this agent's log endpoint; null for http://127.0.0.1:<port>. */
    @Pattern(regexp = "https?://\\S+", message = "must be an http:// or https:// URL")
    @JsonProperty
    private String agentEndpoint;

    /** Credentials and trusted CA for the API servers; empty sends none. */
    @Valid
    @NotNull
    @JsonProperty
    private ApiCredentials credentials = new ApiCredentials();

    public NodeAgentConfiguration() {
        HttpConnectorFactory connector = new HttpConnectorFactory();
        connector.setBindHost("127.0.0.1");
        connector.setPort(DEFAULT_PORT);

        SimpleServerFactory server = new SimpleServerFactory();
        server.setConnector(connector);
        server.setApplicationContextPath("/");
        server.setAdminContextPath("/admin");
        // Open log streams (follow=true) never end by themselves, so stopping waits 2 s, not 30 s.
        server.setShutdownGracePeriod(Duration.seconds(2));
        setServerFactory(server);
    }

    /** Returns the configured node name, or the host name in lower case. */
    @JsonIgnore
    public String resolvedNodeName() {
        if (nodeName != null && !nodeName.isBlank()) {
            return nodeName;
        }
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Returns the configured servers, else those of {@code BOSS_SERVERS}, else the default URL. */
    @JsonIgnore
    public List<String> resolvedServers() {
        if (!servers.isEmpty()) {
            return List.copyOf(servers);
        }
        String fromEnv = System.getenv(SERVERS_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Arrays.stream(fromEnv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        return List.of(DEFAULT_SERVER);
    }

    /** Returns the configured state directory, or ./boss-node-state/<nodeName>. */
    @JsonIgnore
    public Path resolvedStateDir() {
        if (stateDir != null && !stateDir.isBlank()) {
            return Path.of(stateDir);
        }
        return Path.of("boss-node-state", resolvedNodeName());
    }

    public String getNodeName() {
        return nodeName;
    }

    public void setNodeName(String nodeName) {
        this.nodeName = nodeName;
    }

    public List<String> getServers() {
        return servers;
    }

    public void setServers(List<String> servers) {
        this.servers = servers == null ? new ArrayList<>() : new ArrayList<>(servers);
    }

    public String getStateDir() {
        return stateDir;
    }

    public void setStateDir(String stateDir) {
        this.stateDir = stateDir;
    }

    public Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public Duration getLeaseDuration() {
        return leaseDuration;
    }

    public void setLeaseDuration(Duration leaseDuration) {
        this.leaseDuration = leaseDuration;
    }

    public Duration getNodeStatusInterval() {
        return nodeStatusInterval;
    }

    public void setNodeStatusInterval(Duration nodeStatusInterval) {
        this.nodeStatusInterval = nodeStatusInterval;
    }

    public Duration getSandboxPollInterval() {
        return sandboxPollInterval;
    }

    public void setSandboxPollInterval(Duration sandboxPollInterval) {
        this.sandboxPollInterval = sandboxPollInterval;
    }

    public Duration getDefaultTerminationGracePeriod() {
        return defaultTerminationGracePeriod;
    }

    public void setDefaultTerminationGracePeriod(Duration defaultTerminationGracePeriod) {
        this.defaultTerminationGracePeriod = defaultTerminationGracePeriod;
    }

    public int getSyncWorkers() {
        return syncWorkers;
    }

    public void setSyncWorkers(int syncWorkers) {
        this.syncWorkers = syncWorkers;
    }

    public AllocatableSettings getAllocatable() {
        return allocatable;
    }

    public void setAllocatable(AllocatableSettings allocatable) {
        this.allocatable = allocatable;
    }

    public ProvidersSettings getProviders() {
        return providers;
    }

    public void setProviders(ProvidersSettings providers) {
        this.providers = providers;
    }

    public String getAgentEndpoint() {
        return agentEndpoint;
    }

    public void setAgentEndpoint(String agentEndpoint) {
        this.agentEndpoint = agentEndpoint;
    }

    public ApiCredentials getCredentials() {
        return credentials;
    }

    public void setCredentials(ApiCredentials credentials) {
        this.credentials = credentials;
    }
}
