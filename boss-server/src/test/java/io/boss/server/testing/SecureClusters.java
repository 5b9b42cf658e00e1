package io.boss.server.testing;

import io.boss.server.config.BossServerConfiguration;
import io.boss.server.security.TokenFile;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Test settings for clusters with security on: token files with known users, and https
 * connectors from a {@link TestPki}. The tokens are fixed strings, fine for tests only.
 */
public final class SecureClusters {

    public static final String ADMIN_TOKEN = "admin-test-token";
    public static final String VIEWER_TOKEN = "viewer-test-token";
    public static final String DEVELOPER_TOKEN = "developer-test-token";

    private SecureClusters() {
    }

    /** Returns the bearer token of node {@code nodeName} in the token file {@link #writeTokenFile} writes. */
    public static String nodeToken(String nodeName) {
        return "node-test-token-" + nodeName;
    }

    /**
     * Writes a token file with an admin ({@code system:masters}), user {@code viewer}, user
     * {@code developer} (no groups) and one user {@code system:node:<name>} per node name.
     */
    public static Path writeTokenFile(Path file, String... nodeNames) {
        StringBuilder lines = new StringBuilder("# test tokens: sha256,user,groups\n");
        lines.append(line(ADMIN_TOKEN, "admin", "system:masters"));
        lines.append(line(VIEWER_TOKEN, "viewer", ""));
        lines.append(line(DEVELOPER_TOKEN, "developer", ""));
        for (String node : nodeNames) {
            lines.append(line(nodeToken(node), "system:node:" + node, "system:nodes"));
        }
        write(file, lines.toString());
        return file;
    }

    /** Returns one token file line for {@code token}. */
    public static String line(String token, String user, String groups) {
        return TokenFile.hash(token) + "," + user + "," + groups + "\n";
    }

    /** Writes {@code content} to {@code file}, replacing it. */
    public static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Turns authentication on with {@code tokenFile}, checked for changes every 100 ms. */
    public static Consumer<BossServerConfiguration> tokenAuthentication(Path tokenFile) {
        return configuration -> {
            configuration.getSecurity().setAuthentication(true);
            configuration.getSecurity().setTokenFile(tokenFile.toString());
            configuration.getSecurity().setTokenFileCheckInterval(io.dropwizard.util.Duration.milliseconds(100));
        };
    }

    /**
     * Replaces each replica's plain HTTP API connector with https on the same port, with a server
     * certificate from {@code pki} and client certificates verified against its CA.
     */
    public static Consumer<BossServerConfiguration> https(TestPki pki) {
        return configuration -> {
            DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
            HttpConnectorFactory plain = (HttpConnectorFactory) server.getApplicationConnectors().get(0);
            HttpsConnectorFactory https = new HttpsConnectorFactory();
            https.setBindHost(plain.getBindHost());
            https.setPort(plain.getPort());
            https.setKeyStorePath(pki.issueServer("server-" + configuration.getReplicaId()).toString());
            https.setKeyStorePassword(TestPki.PASSWORD);
            https.setKeyStoreType("PKCS12");
            https.setTrustStorePath(pki.trustStore().toString());
            https.setTrustStorePassword(TestPki.PASSWORD);
            https.setTrustStoreType("PKCS12");
            https.setWantClientAuth(true);
            server.setApplicationConnectors(List.of(https));
        };
    }

    /** Runs every customizer in order. */
    @SafeVarargs
    public static Consumer<BossServerConfiguration> all(Consumer<BossServerConfiguration>... customizers) {
        return configuration -> {
            for (Consumer<BossServerConfiguration> customizer : customizers) {
                customizer.accept(configuration);
            }
        };
    }
}
