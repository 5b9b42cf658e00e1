package io.boss.cli.config;

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
 */
public record CliSettings(List<String> servers, String serversSource, String namespace, Duration retryTimeout) {

    public CliSettings {
        servers = List.copyOf(servers);
    }
}
