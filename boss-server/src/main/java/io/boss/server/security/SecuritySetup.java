package io.boss.server.security;

import io.boss.api.ResourceKind;
import io.boss.server.ServerContext;
import io.boss.server.config.BossServerConfiguration;
import io.boss.server.config.SecuritySettings;
import io.boss.server.errors.ApiException;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Builds a replica's request checks from its configuration and registers them: the
 * {@link SecurityFilter} in front of the API and {@link AuthResource}. Called once from the
 * application's composition root.
 */
public final class SecuritySetup {

    private static final Logger LOG = LoggerFactory.getLogger(SecuritySetup.class);

    private SecuritySetup() {
    }

    /**
     * Decides whether requests must authenticate: {@code security.authentication} when set, else
     * on exactly when an application connector listens on a non-loopback address. Call it before
     * starting anything, so a rejected configuration leaves nothing running.
     *
     * @throws IllegalStateException when authentication is off on a non-loopback address without
     *     {@code security.allowUnauthenticatedNonLoopback}, or on with no way to authenticate
     */
    public static boolean checkConfiguration(BossServerConfiguration configuration) {
        SecuritySettings settings = configuration.getSecurity();
        List<ConnectorFactory> connectors = applicationConnectors(configuration.getServerFactory());
        List<String> exposed = nonLoopbackHosts(connectors);
        boolean enabled = settings.getAuthentication() != null ? settings.getAuthentication() : !exposed.isEmpty();

        if (!enabled && !exposed.isEmpty() && !settings.isAllowUnauthenticatedNonLoopback()) {
            throw new IllegalStateException("Authentication is off but the API listens on " + exposed + ": "
                    + "anyone who reaches the port could run commands on every node. Set security.authentication: "
                    + "true with security.tokenFile or a TLS trust store, bind to 127.0.0.1, or set "
                    + "security.allowUnauthenticatedNonLoopback: true on a closed network");
        }
        boolean clientCertificates = connectors.stream().anyMatch(SecuritySetup::verifiesClientCertificates);
        if (enabled && settings.getTokenFile() == null && !clientCertificates) {
            throw new IllegalStateException("security.authentication is on but no client can authenticate: set "
                    + "security.tokenFile, or an https connector with a trustStorePath and wantClientAuth: true");
        }
        return enabled;
    }

    /**
     * Registers the checks.
     *
     * @throws IllegalStateException as {@link #checkConfiguration} does, or naming an invalid token file
     */
    public static SecurityComponents install(BossServerConfiguration configuration, Environment environment,
                                             ServerContext context) {
        boolean enabled = checkConfiguration(configuration);
        SecuritySettings settings = configuration.getSecurity();
        List<ConnectorFactory> connectors = applicationConnectors(configuration.getServerFactory());
        boolean tls = !connectors.isEmpty() && connectors.stream().allMatch(HttpsConnectorFactory.class::isInstance);
        boolean clientCertificates = connectors.stream().anyMatch(SecuritySetup::verifiesClientCertificates);
        TokenFile tokens = null;
        if (enabled && settings.getTokenFile() != null) {
            tokens = new TokenFile(Path.of(settings.getTokenFile()), settings.getTokenFileCheckInterval().toJavaDuration(),
                    Clock.systemUTC());
        }
        logMode(enabled, tls, clientCertificates, nonLoopbackHosts(connectors));

        SecurityObjects objects = new SecurityObjects(context.store());
        SecurityComponents components = new SecurityComponents(
                enabled,
                enabled ? new Authenticator(tokens) : null,
                new Authorizer(objects),
                new NodeRestriction((namespace, name) -> podNode(context, namespace, name)),
                new IsolationAdmission(objects::isolationPolicies),
                settings.getRequestsPerSecond() > 0
                        ? new RateLimiter(settings.getRequestsPerSecond(), settings.getRequestBurst(), System::nanoTime)
                        : null,
                settings.getMaxWatchesPerUser() > 0 ? new WatchLimiter(settings.getMaxWatchesPerUser()) : null);

        SecurityFilter filter = new SecurityFilter(components, context.codec(),
                configuration.getApi().getMaxRequestBytes().toBytes());
        environment.servlets().addFilter("security", filter)
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        environment.jersey().register(new AuthResource(components));
        return components;
    }

    private static void logMode(boolean enabled, boolean tls, boolean clientCertificates, List<String> exposed) {
        if (enabled) {
            LOG.info("API authentication is on (TLS {}, client certificates {})", tls ? "on" : "off",
                    clientCertificates ? "accepted" : "not accepted");
            if (!tls) {
                LOG.warn("API authentication is on without TLS: bearer tokens cross the network in clear text");
            }
        } else if (exposed.isEmpty()) {
            LOG.warn("API authentication is off because the API listens on loopback only; every local process "
                    + "may do anything. Set security.authentication: true to require credentials");
        } else {
            LOG.warn("API authentication is off on {} because security.allowUnauthenticatedNonLoopback is set", exposed);
        }
    }

    private static Optional<String> podNode(ServerContext context, String namespace, String name) {
        try {
            String node = context.registry().get(ResourceKind.POD, namespace, name)
                    .path("spec").path("nodeName").asText("");
            return node.isEmpty() ? Optional.empty() : Optional.of(node);
        } catch (ApiException e) {
            if (e.code() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static List<ConnectorFactory> applicationConnectors(ServerFactory serverFactory) {
        if (serverFactory instanceof DefaultServerFactory server) {
            return List.copyOf(server.getApplicationConnectors());
        }
        if (serverFactory instanceof SimpleServerFactory server) {
            return List.of(server.getConnector());
        }
        return List.of();
    }

    private static boolean verifiesClientCertificates(ConnectorFactory connector) {
        if (!(connector instanceof HttpsConnectorFactory https) || https.getTrustStorePath() == null) {
            return false;
        }
        return Boolean.TRUE.equals(https.getWantClientAuth()) || Boolean.TRUE.equals(https.getNeedClientAuth());
    }

    /** Returns the bind hosts of connectors that are reachable from other machines; a missing host means all interfaces. */
    private static List<String> nonLoopbackHosts(List<ConnectorFactory> connectors) {
        List<String> exposed = new ArrayList<>();
        for (ConnectorFactory connector : connectors) {
            if (!(connector instanceof HttpConnectorFactory http)) {
                continue;
            }
            String host = http.getBindHost();
            if (host == null || host.isBlank()) {
                exposed.add("all interfaces (port " + http.getPort() + ")");
            } else if (!isLoopback(host)) {
                exposed.add(host + ":" + http.getPort());
            }
        }
        return exposed;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
