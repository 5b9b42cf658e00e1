package io.boss.server.security;

import io.boss.server.config.BossServerConfiguration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When a replica turns authentication on, and which configurations it rejects before starting anything. */
class SecuritySetupTest {

    @Test
    void loopbackDefaultKeepsAuthenticationOff() {
        assertFalse(SecuritySetup.checkConfiguration(new BossServerConfiguration()));
    }

    @Test
    void nonLoopbackWithoutCredentialsIsRejected() {
        BossServerConfiguration configuration = bindingAllInterfaces();

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> SecuritySetup.checkConfiguration(configuration));

        assertTrue(error.getMessage().contains("no client can authenticate"), error.getMessage());
    }

    @Test
    void nonLoopbackWithAuthenticationOffIsRejected() {
        BossServerConfiguration configuration = bindingAllInterfaces();
        configuration.getSecurity().setAuthentication(false);

        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> SecuritySetup.checkConfiguration(configuration));

        assertTrue(error.getMessage().contains("allowUnauthenticatedNonLoopback"), error.getMessage());
    }

    @Test
    void nonLoopbackWithExplicitFlagMayRunOpen() {
        BossServerConfiguration configuration = bindingAllInterfaces();
        configuration.getSecurity().setAuthentication(false);
        configuration.getSecurity().setAllowUnauthenticatedNonLoopback(true);

        assertFalse(SecuritySetup.checkConfiguration(configuration));
    }

    @Test
    void nonLoopbackWithTokenFileTurnsAuthenticationOn() {
        BossServerConfiguration configuration = bindingAllInterfaces();
        configuration.getSecurity().setTokenFile("/etc/boss/tokens.csv");

        assertTrue(SecuritySetup.checkConfiguration(configuration));
    }

    private static BossServerConfiguration bindingAllInterfaces() {
        BossServerConfiguration configuration = new BossServerConfiguration();
        DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
        ((HttpConnectorFactory) server.getApplicationConnectors().get(0)).setBindHost(null);
        return configuration;
    }
}
