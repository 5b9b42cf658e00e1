package io.boss.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.boss.cli.client.BossClientApi;
import io.boss.cli.client.ClusterApi;
import io.boss.cli.commands.ApplyCommand;
import io.boss.cli.commands.AuthCommand;
import io.boss.cli.commands.ClusterCommand;
import io.boss.cli.commands.ConnectionOptions;
import io.boss.cli.commands.DeleteCommand;
import io.boss.cli.commands.DescribeCommand;
import io.boss.cli.commands.GetCommand;
import io.boss.cli.commands.LogsCommand;
import io.boss.cli.commands.RolloutCommand;
import io.boss.cli.commands.ScaleCommand;
import io.boss.cli.commands.VersionCommand;
import io.boss.cli.config.CliSettings;
import io.boss.cli.config.SettingsResolver;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code bossctl}, the command-line client of a boss cluster. The root command holds what the
 * subcommands share: the environment the settings resolve from, standard input, the clock and
 * the factory that opens a client, so tests can run every command in-process.
 */
@Command(name = "bossctl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Controls a boss cluster: apply manifests, read and watch objects, follow logs.",
        subcommands = {
            ApplyCommand.class,
            GetCommand.class,
            DescribeCommand.class,
            DeleteCommand.class,
            LogsCommand.class,
            ClusterCommand.class,
            ScaleCommand.class,
            RolloutCommand.class,
            VersionCommand.class,
            AuthCommand.class,
        })
public final class BossCtl implements Runnable {

    private final Map<String, String> environment;
    private final Path home;
    private final InputStream stdin;
    private final Clock clock;
    private final Function<CliSettings, ClusterApi> apiFactory;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConnectionOptions globalOptions;

    public BossCtl(Map<String, String> environment, Path home, InputStream stdin, Clock clock,
            Function<CliSettings, ClusterApi> apiFactory) {
        this.environment = environment;
        this.home = home;
        this.stdin = stdin;
        this.clock = clock;
        this.apiFactory = apiFactory;
    }

    public static void main(String[] args) {
        BossCtl root = new BossCtl(System.getenv(), Path.of(System.getProperty("user.home")), System.in,
                Clock.systemUTC(), BossClientApi::open);
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(commandLine(root, out, err).execute(args));
    }

    /** Builds the command line with bossctl's error handling and the given output streams. */
    public static CommandLine commandLine(BossCtl root, PrintWriter out, PrintWriter err) {
        ErrorReporter errorReporter = new ErrorReporter();
        return new CommandLine(root)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(errorReporter)
                .setParameterExceptionHandler(errorReporter);
    }

    /** Lowers the log level so the client's debug logs reach stderr; used by {@code --verbose}. */
    public static void enableDebugLogging() {
        Object root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof Logger) {
            ((Logger) root).setLevel(Level.DEBUG);
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    /** Returns the connection options given before the subcommand. */
    public ConnectionOptions globalOptions() {
        return globalOptions;
    }

    public SettingsResolver settingsResolver() {
        return new SettingsResolver(environment, home);
    }

    public Function<CliSettings, ClusterApi> apiFactory() {
        return apiFactory;
    }

    public InputStream stdin() {
        return stdin;
    }

    public Clock clock() {
        return clock;
    }
}
