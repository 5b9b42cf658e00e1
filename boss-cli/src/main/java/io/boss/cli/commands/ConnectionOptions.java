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
 */
public class ConnectionOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = {"-s", "--server"}, paramLabel = "URL[,URL...]",
            description = "Server endpoints, comma-separated; the client fails over between them. "
                    + "Defaults to $BOSS_SERVERS, then servers: in the config file, then http://127.0.0.1:8080.")
    private String servers;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
            description = "Namespace to use. Defaults to $BOSS_NAMESPACE, then namespace: in the config file, then default.")
    private String namespace;

    @Option(names = "--retry-timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long one call keeps trying the servers before it fails, in seconds (default ${DEFAULT-VALUE}).")
    private long retryTimeoutSeconds;

    @Option(names = "--verbose", description = "Print debug logs and the stack trace of an error.")
    private boolean verbose;

    private CliSettings settings;

    /** Returns the resolved settings, resolving them on first use. */
    public CliSettings settings() {
        if (settings == null) {
            if (retryTimeoutSeconds <= 0) {
                throw new ParameterException(mixee.commandLine(),
                        "invalid --retry-timeout " + retryTimeoutSeconds + ": expected a number of seconds above 0");
            }
            settings = root().settingsResolver().resolve(servers, namespace, Duration.ofSeconds(retryTimeoutSeconds));
        }
        return settings;
    }

    /** Returns the namespace to use: {@code -n}, else the configured default. */
    public String namespace() {
        return settings().namespace();
    }

    /** Returns true when {@code -n} was given on the command line. */
    public boolean namespaceGiven() {
        return namespace != null && !namespace.isBlank();
    }

    public boolean verbose() {
        return verbose;
    }

    /** Opens a client on the resolved server list; the caller closes it. */
    public ClusterApi connect() {
        if (verbose) {
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

    /** Returns the root command, which provides the environment and the client factory. */
    public BossCtl root() {
        return (BossCtl) mixee.root().userObject();
    }
}
