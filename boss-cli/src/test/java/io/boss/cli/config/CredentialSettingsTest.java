package io.boss.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where bossctl takes its bearer token, CA file and client certificate from. */
class CredentialSettingsTest {

    @TempDir
    Path home;

    @Test
    void environmentWinsOverConfigFile() throws IOException {
        Path ca = Files.writeString(home.resolve("ca.pem"), "pem");
        Path config = Files.writeString(home.resolve("config.yaml"), "token: from-file\ncaFile: /nonexistent.pem\n");
        Map<String, String> environment = Map.of("BOSS_CONFIG", config.toString(), "BOSS_TOKEN", "from-env",
                "BOSS_CA_FILE", ca.toString());

        CliSettings.Credentials credentials = new SettingsResolver(environment, home).resolve(null, null).credentials();

        assertEquals("from-env", credentials.token());
        assertEquals(ca, credentials.caFile());
        assertNull(credentials.clientCertFile());
    }

    @Test
    void configFileSuppliesToken() throws IOException {
        Path config = Files.writeString(home.resolve("config.yaml"), "servers: [https://127.0.0.1:8080]\ntoken: t1\n");

        CliSettings settings = new SettingsResolver(Map.of("BOSS_CONFIG", config.toString()), home).resolve(null, null);

        assertEquals("t1", settings.credentials().token());
    }

    @Test
    void certificateWithoutKeyIsRejected() throws IOException {
        Path cert = Files.writeString(home.resolve("client.pem"), "pem");

        SettingsException error = assertThrows(SettingsException.class, () ->
                new SettingsResolver(Map.of("BOSS_CLIENT_CERT", cert.toString()), home).resolve(null, null));

        assertTrue(error.getMessage().contains("BOSS_CLIENT_KEY"), error.getMessage());
    }

    @Test
    void missingCaFileIsNamed() {
        SettingsException error = assertThrows(SettingsException.class, () ->
                new SettingsResolver(Map.of("BOSS_CA_FILE", "/nonexistent/ca.pem"), home).resolve(null, null));

        assertTrue(error.getMessage().contains("/nonexistent/ca.pem"), error.getMessage());
    }
}
