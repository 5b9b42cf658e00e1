package io.boss.cli.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The server endpoints and default namespace a command uses, with where each came from so that
 * error messages can name the setting to fix.
 *
 * @param servers endpoint URLs, tried in order by the client's failover
 * @param serversSource the flag, variable or file the servers came from
 * @param namespace the namespace used when {@code -n} is not given
 * @param retryTimeout how long one call keeps trying the servers before it fails
 * @param credentials the bearer token, CA file and client certificate to connect with
 */
public record CliSettings(List<String> servers, String serversSource, String namespace, Duration retryTimeout,
                          Credentials credentials) {

    public CliSettings {
        servers = List.copyOf(servers);
        credentials = credentials == null ? Credentials.NONE : credentials;
    }

    /** Creates settings without credentials, for a cluster with authentication off. */
    public CliSettings(List<String> servers, String serversSource, String namespace, Duration retryTimeout) {
        this(servers, serversSource, namespace, retryTimeout, Credentials.NONE);
    }

    /**
     * The credentials bossctl authenticates with and the CA it trusts; each value may be null.
     *
     * @param token          bearer token ({@code BOSS_TOKEN})
     * @param caFile         PEM file of the CA that signed the servers' certificates ({@code BOSS_CA_FILE})
     * @param clientCertFile PEM client certificate ({@code BOSS_CLIENT_CERT})
     * @param clientKeyFile  PKCS#8 PEM key of the client certificate ({@code BOSS_CLIENT_KEY})
     */
    public record Credentials(String token, Path caFile, Path clientCertFile, Path clientKeyFile) {

        public static final Credentials NONE = new Credentials(null, null, null, null);
    }
}
