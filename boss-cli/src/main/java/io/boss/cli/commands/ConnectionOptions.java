package io.boss.cli.commands;

import io.boss.cli.BossCtl;
import io.boss.cli.client.ClusterApi;
import io.boss.cli.config.CliSettings;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options every command that talks to the API accepts: the server list, the namespace and
 * {@code --verbose}. Settings resolve lazily, so {@code --help} works without a reachable server.
 *
 * <p>The root command carries the same options, so they may come before the subcommand as well
 * ({@code bossctl -n web get pods}); a value given after the subcommand wins.
 */
public class ConnectionOptions {

    private static final long DEFAULT_RETRY_TIMEOUT_SECONDS = 10;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = {"-s", "--server"}, paramLabel = "URL[,URL...]",
            description = "Server endpoints, comma-separated; the client fails over between them. "
                    + "Defaults to $BOSS_SERVERS, then servers: in the config file, then http://127.0.0.1:8080.")
    private String servers;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
            description = "Namespace to use. Defaults to $BOSS_NAMESPACE, then namespace: in the config file, then default.")
    private String namespace;

    @Option(names = "--retry-timeout", paramLabel = "SECONDS",
            description = "How long one call keeps trying the servers before it fails, in seconds (default "
                    + DEFAULT_RETRY_TIMEOUT_SECONDS + ").")
    private Long retryTimeoutSeconds;

    @Option(names = "--verbose", description = "Print debug logs and the stack trace of an error.")
    private boolean verbose;

    private CliSettings settings;

    /** Returns the resolved settings, resolving them on first use. */
    public CliSettings settings() {
        if (settings == null) {
            ConnectionOptions global = global();
            long retryTimeout = firstGiven(retryTimeoutSeconds, global.retryTimeoutSeconds, DEFAULT_RETRY_TIMEOUT_SECONDS);
            if (retryTimeout <= 0) {
                throw new ParameterException(mixee.commandLine(),
                        "invalid --retry-timeout " + retryTimeout + ": expected a number of seconds above 0");
            }
            settings = root().settingsResolver().resolve(firstGiven(servers, global.servers, null),
                    firstGiven(namespace, global.namespace, null), Duration.ofSeconds(retryTimeout));
        }
        return settings;
    }

    /** Returns the namespace to use: {@code -n}, else the configured default. */
    public String namespace() {
        return settings().namespace();
    }

    /** Returns true when {@code -n} was given on the command line. */
    public boolean namespaceGiven() {
        String given = firstGiven(namespace, global().namespace, null);
        return given != null && !given.isBlank();
    }

    public boolean verbose() {
        return verbose || global().verbose;
    }

    /** Opens a client on the resolved server list; the caller closes it. */
    public ClusterApi connect() {
        if (verbose()) {
            BossCtl.enableDebugLogging();
        }
        return root().apiFactory().apply(settings());
    }

    public PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    public PrintWriter err() {
        return mixee.commandLine().getErr();
    }

    /** Returns the options given before the subcommand, on the root command. */
    private ConnectionOptions global() {
        return root().globalOptions();
    }

    private static <T> T firstGiven(T own, T global, T fallback) {
        if (own != null) {
            return own;
        }
        return global != null ? global : fallback;
    }

    /** Returns the root command, which provides the environment and the client factory. */
    public BossCtl root() {
        return (BossCtl) mixee.root().userObject();
    }
}
