package io.boss.cli.testing;

import io.boss.cli.BossCtl;
import io.boss.cli.client.ClusterApi;
import io.boss.cli.config.CliSettings;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Runs bossctl in-process through {@code CommandLine.execute} with captured stdout and stderr. */
public final class CliRunner {

    private final Map<String, String> environment = new HashMap<>();
    private Path home = Path.of("/nonexistent-bossctl-home");
    private InputStream stdin = new ByteArrayInputStream(new byte[0]);
    private Clock clock = Clock.systemUTC();
    private Function<CliSettings, ClusterApi> apiFactory = settings -> {
        throw new AssertionError("this test expected no API call");
    };

    /** Result of one run: the exit code and everything printed. */
    public record Result(int exitCode, String out, String err) {
    }

    public CliRunner environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public CliRunner home(Path home) {
        this.home = home;
        return this;
    }

    public CliRunner stdin(String text) {
        this.stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public CliRunner clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public CliRunner apiFactory(Function<CliSettings, ClusterApi> apiFactory) {
        this.apiFactory = apiFactory;
        return this;
    }

    /** Runs one bossctl command line. */
    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Runs one command line printing as it goes, for commands that keep running. */
    public int run(PrintWriter out, PrintWriter err, String... args) {
        return execute(out, err, args);
    }

    private int execute(PrintWriter out, PrintWriter err, String... args) {
        BossCtl root = new BossCtl(Map.copyOf(environment), home, stdin, clock, apiFactory);
        return BossCtl.commandLine(root, out, err).execute(args);
    }
}
