package io.boss.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.boss.api.json.Serialization;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves {@link CliSettings}. Servers come from {@code --server}, else {@code BOSS_SERVERS},
 * else the config file's {@code servers:}, else {@value #DEFAULT_SERVER}. The namespace comes
 * from {@code -n}, else {@code BOSS_NAMESPACE}, else the config file's {@code namespace:}, else
 * {@code default}. The config file is {@code BOSS_CONFIG} when set, else
 * {@code ~/.config/boss/config.yaml}; a missing default file is not an error. The bearer token,
 * CA file and client certificate come from {@code BOSS_TOKEN}, {@code BOSS_CA_FILE},
 * {@code BOSS_CLIENT_CERT} and {@code BOSS_CLIENT_KEY}, else the config file's {@code token:},
 * {@code caFile:}, {@code clientCert:} and {@code clientKey:}.
 */
public final class SettingsResolver {

    /** The single-replica server a fresh checkout starts. */
    public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";
    public static final String DEFAULT_NAMESPACE = "default";
    /** Long enough to ride out a leader election, short enough that a dead server list fails fast. */
    public static final Duration DEFAULT_RETRY_TIMEOUT = Duration.ofSeconds(10);
    public static final String SERVERS_VARIABLE = "BOSS_SERVERS";
    public static final String NAMESPACE_VARIABLE = "BOSS_NAMESPACE";
    public static final String CONFIG_VARIABLE = "BOSS_CONFIG";
    public static final String TOKEN_VARIABLE = "BOSS_TOKEN";
    public static final String CA_FILE_VARIABLE = "BOSS_CA_FILE";
    public static final String CLIENT_CERT_VARIABLE = "BOSS_CLIENT_CERT";
    public static final String CLIENT_KEY_VARIABLE = "BOSS_CLIENT_KEY";

    private final Map<String, String> environment;
    private final Path home;

    public SettingsResolver(Map<String, String> environment, Path home) {
        this.environment = environment;
        this.home = home;
    }

    /**
     * Resolves the settings from the flags (null when not given), the environment and the config
     * file.
     *
     * @throws SettingsException when a server URL or the config file is invalid
     */
    public CliSettings resolve(String serverFlag, String namespaceFlag) {
        return resolve(serverFlag, namespaceFlag, DEFAULT_RETRY_TIMEOUT);
    }

    /** Resolves the settings as {@link #resolve(String, String)} does, with a given retry timeout. */
    public CliSettings resolve(String serverFlag, String namespaceFlag, Duration retryTimeout) {
        ConfigFile config = readConfigFile();

        List<String> servers;
        String source;
        if (isSet(serverFlag)) {
            servers = parseServers(serverFlag, "--server");
            source = "--server";
        } else if (isSet(environment.get(SERVERS_VARIABLE))) {
            servers = parseServers(environment.get(SERVERS_VARIABLE), SERVERS_VARIABLE);
            source = SERVERS_VARIABLE;
        } else if (!config.servers().isEmpty()) {
            servers = config.servers();
            source = config.path().toString();
        } else {
            servers = List.of(DEFAULT_SERVER);
            source = "the default";
        }

        String namespace;
        if (isSet(namespaceFlag)) {
            namespace = namespaceFlag.trim();
        } else if (isSet(environment.get(NAMESPACE_VARIABLE))) {
            namespace = environment.get(NAMESPACE_VARIABLE).trim();
        } else if (isSet(config.namespace())) {
            namespace = config.namespace();
        } else {
            namespace = DEFAULT_NAMESPACE;
        }
        return new CliSettings(servers, source, namespace, retryTimeout, credentials(config));
    }

    /** Each credential comes from its variable, else from the config file's key of the same meaning. */
    private CliSettings.Credentials credentials(ConfigFile config) {
        String token = firstSet(environment.get(TOKEN_VARIABLE), config.text("token"));
        String caFile = firstSet(environment.get(CA_FILE_VARIABLE), config.text("caFile"));
        String certFile = firstSet(environment.get(CLIENT_CERT_VARIABLE), config.text("clientCert"));
        String keyFile = firstSet(environment.get(CLIENT_KEY_VARIABLE), config.text("clientKey"));
        if ((certFile == null) != (keyFile == null)) {
            throw new SettingsException("a client certificate needs both " + CLIENT_CERT_VARIABLE + " and "
                    + CLIENT_KEY_VARIABLE + " (or clientCert: and clientKey: in the config file)");
        }
        for (String file : new String[] {caFile, certFile, keyFile}) {
            if (file != null && !Files.isReadable(Path.of(file))) {
                throw new SettingsException("credential file " + file + " does not exist or is not readable; check "
                        + CA_FILE_VARIABLE + ", " + CLIENT_CERT_VARIABLE + " and " + CLIENT_KEY_VARIABLE);
            }
        }
        return new CliSettings.Credentials(token == null ? null : token.trim(), pathOf(caFile), pathOf(certFile),
                pathOf(keyFile));
    }

    private static String firstSet(String first, String second) {
        return isSet(first) ? first : isSet(second) ? second : null;
    }

    private static Path pathOf(String file) {
        return file == null ? null : Path.of(file);
    }

    /**
     * Splits a comma-separated server list and checks each entry is an http or https URL with a
     * host.
     *
     * @throws SettingsException naming the bad entry and the setting it came from
     */
    public static List<String> parseServers(String value, String source) {
        List<String> servers = new ArrayList<>();
        for (String entry : value.split(",")) {
            String server = entry.trim();
            if (server.isEmpty()) {
                continue;
            }
            checkServerUrl(server, source);
            servers.add(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        }
        if (servers.isEmpty()) {
            throw new SettingsException(source + " is empty: give at least one server URL such as " + DEFAULT_SERVER);
        }
        return servers;
    }

    private static void checkServerUrl(String server, String source) {
        URI uri;
        try {
            uri = new URI(server);
        } catch (URISyntaxException e) {
            uri = null;
        }
        boolean http = uri != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        if (!http || uri.getHost() == null) {
            throw new SettingsException("invalid server URL \"" + server + "\" in " + source
                    + ": expected http://HOST:PORT such as " + DEFAULT_SERVER);
        }
    }

    private ConfigFile readConfigFile() {
        String explicit = environment.get(CONFIG_VARIABLE);
        Path path = isSet(explicit) ? Path.of(explicit) : home.resolve(".config/boss/config.yaml");
        if (!Files.exists(path)) {
            if (isSet(explicit)) {
                throw new SettingsException("config file " + path + " named by " + CONFIG_VARIABLE + " does not exist");
            }
            return new ConfigFile(path, List.of(), null, Map.of());
        }
        try {
            JsonNode tree = Serialization.yaml().readTree(Files.readAllBytes(path));
            return parseConfig(path, tree);
        } catch (IOException e) {
            throw new SettingsException("failed to read config file " + path + ": " + e.getMessage());
        }
    }

    private static ConfigFile parseConfig(Path path, JsonNode tree) {
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return new ConfigFile(path, List.of(), null, Map.of());
        }
        if (!tree.isObject()) {
            throw new SettingsException("invalid config file " + path + ": expected a mapping with servers: and namespace:");
        }
        List<String> servers = new ArrayList<>();
        JsonNode serversNode = tree.path("servers");
        if (serversNode.isArray()) {
            for (JsonNode server : serversNode) {
                servers.addAll(parseServers(server.asText(), path.toString()));
            }
        } else if (serversNode.isTextual()) {
            servers.addAll(parseServers(serversNode.asText(), path.toString()));
        }
        String namespace = tree.path("namespace").isTextual() ? tree.path("namespace").asText() : null;
        Map<String, String> credentials = new HashMap<>();
        for (String key : List.of("token", "caFile", "clientCert", "clientKey")) {
            if (tree.path(key).isTextual()) {
                credentials.put(key, tree.path(key).asText());
            }
        }
        return new ConfigFile(path, servers, namespace, credentials);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private record ConfigFile(Path path, List<String> servers, String namespace, Map<String, String> credentials) {

        String text(String key) {
            return credentials.get(key);
        }
    }
}
