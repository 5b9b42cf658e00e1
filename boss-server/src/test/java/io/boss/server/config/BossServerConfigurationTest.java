package io.boss.server.config;

import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BossServerConfigurationTest {

    private final YamlConfigurationFactory<BossServerConfiguration> factory = new YamlConfigurationFactory<>(
            BossServerConfiguration.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");

    @Test
    void defaultsRunOneReplicaOnLoopback() throws Exception {
        BossServerConfiguration configuration = factory.build();

        assertEquals("r1", configuration.getReplicaId());
        assertEquals(1, configuration.effectivePeers().size());
        assertEquals("127.0.0.1:9080", configuration.effectivePeers().get(0).getRaftAddress());
        assertEquals("http://127.0.0.1:8080", configuration.effectivePeers().get(0).getHttpAddress());
        assertEquals(Path.of("boss-data", "r1"), configuration.effectiveDataDir());
        assertEquals(1024 * 1024, configuration.getApi().getMaxRequestBytes().toBytes());
        assertEquals(10, configuration.getApi().getBookmarkInterval().toSeconds());
        assertEquals(5, configuration.getRaft().getRequestTimeout().toSeconds());

        DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
        HttpConnectorFactory application = (HttpConnectorFactory) server.getApplicationConnectors().get(0);
        HttpConnectorFactory admin = (HttpConnectorFactory) server.getAdminConnectors().get(0);
        assertEquals("127.0.0.1", application.getBindHost());
        assertEquals(8080, application.getPort());
        assertEquals("127.0.0.1", admin.getBindHost());
        assertEquals(8081, admin.getPort());
    }

    @Test
    void exampleFileIsValid() throws Exception {
        BossServerConfiguration configuration = factory.build(new FileConfigurationSourceProvider(),
                "config/example-replica.yml");

        assertEquals(3, configuration.effectivePeers().size());
        assertEquals("r1", configuration.getReplicaId());
        assertTrue(configuration.isPeerListConsistent());
    }

    @Test
    void replicaMissingFromPeersIsRejected(@TempDir Path tempDir) throws Exception {
        Path file = tempDir.resolve("bad.yml");
        Files.writeString(file, """
                replicaId: r9
                peers:
                  - {id: r1, raftAddress: "127.0.0.1:9080", httpAddress: "http://127.0.0.1:8080"}
                """);

        ConfigurationValidationException error = assertThrows(ConfigurationValidationException.class,
                () -> factory.build(new FileConfigurationSourceProvider(), file.toString()));

        assertTrue(error.getMessage().contains("replicaId must be one of the peer ids"), error.getMessage());
    }

    @Test
    void badRaftAddressIsRejected(@TempDir Path tempDir) throws Exception {
        Path file = tempDir.resolve("bad.yml");
        Files.writeString(file, """
                peers:
                  - {id: r1, raftAddress: "localhost", httpAddress: "http://127.0.0.1:8080"}
                """);

        ConfigurationValidationException error = assertThrows(ConfigurationValidationException.class,
                () -> factory.build(new FileConfigurationSourceProvider(), file.toString()));

        assertTrue(error.getMessage().contains("host:port"), error.getMessage());
        assertFalse(error.getMessage().isEmpty());
    }
}
