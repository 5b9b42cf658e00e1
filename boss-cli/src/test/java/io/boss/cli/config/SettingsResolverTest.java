package io.boss.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsResolverTest {

    @TempDir
    Path home;

    private void writeConfig(String text) throws Exception {
        Path file = home.resolve(".config/boss/config.yaml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void defaultsToLocalSingleReplica() {
        CliSettings settings = new SettingsResolver(Map.of(), home).resolve(null, null);

        assertEquals(List.of("http://127.0.0.1:8080"), settings.servers());
        assertEquals("default", settings.namespace());
    }

    @Test
    void flagBeatsEnvironmentBeatsConfigFile() throws Exception {
        writeConfig("servers: [\"http://127.0.0.1:7001\"]\nnamespace: from-file\n");
        Map<String, String> environment = Map.of("BOSS_SERVERS", "http://127.0.0.1:7002,http://127.0.0.1:7003/",
                "BOSS_NAMESPACE", "from-env");
        SettingsResolver resolver = new SettingsResolver(environment, home);

        assertEquals(List.of("http://127.0.0.1:7004"), resolver.resolve("http://127.0.0.1:7004", null).servers());
        assertEquals(List.of("http://127.0.0.1:7002", "http://127.0.0.1:7003"), resolver.resolve(null, null).servers());
        assertEquals("from-env", resolver.resolve(null, null).namespace());
        assertEquals("team-a", resolver.resolve(null, "team-a").namespace());
    }

    @Test
    void configFileSuppliesServersAndNamespace() throws Exception {
        writeConfig("servers:\n  - http://127.0.0.1:7001\n  - http://127.0.0.1:7002\nnamespace: from-file\n");

        CliSettings settings = new SettingsResolver(Map.of(), home).resolve(null, null);

        assertEquals(List.of("http://127.0.0.1:7001", "http://127.0.0.1:7002"), settings.servers());
        assertEquals("from-file", settings.namespace());
    }

    @Test
    void bossConfigPointsToAnotherFile() throws Exception {
        Path file = home.resolve("other.yaml");
        Files.writeString(file, "servers: http://127.0.0.1:7009\n");

        CliSettings settings = new SettingsResolver(Map.of("BOSS_CONFIG", file.toString()), home).resolve(null, null);

        assertEquals(List.of("http://127.0.0.1:7009"), settings.servers());
    }

    @Test
    void missingBossConfigFileIsAnError() {
        SettingsResolver resolver = new SettingsResolver(Map.of("BOSS_CONFIG", home.resolve("absent.yaml").toString()), home);

        SettingsException error = assertThrows(SettingsException.class, () -> resolver.resolve(null, null));

        assertEquals("config file " + home.resolve("absent.yaml") + " named by BOSS_CONFIG does not exist", error.getMessage());
    }

    @Test
    void serverWithoutSchemeIsRejectedWithTheSource() {
        SettingsException error = assertThrows(SettingsException.class,
                () -> new SettingsResolver(Map.of("BOSS_SERVERS", "127.0.0.1:8080"), home).resolve(null, null));

        assertEquals("invalid server URL \"127.0.0.1:8080\" in BOSS_SERVERS: expected http://HOST:PORT such as http://127.0.0.1:8080",
                error.getMessage());
    }
}
