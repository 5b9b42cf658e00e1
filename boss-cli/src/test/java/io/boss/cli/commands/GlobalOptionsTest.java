package io.boss.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.cli.config.CliSettings;
import io.boss.cli.testing.CliRunner;
import io.boss.cli.testing.CliRunner.Result;
import io.boss.cli.testing.InMemoryClusterApi;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Connection options work on either side of the subcommand, as in kubectl. */
class GlobalOptionsTest {

    private final AtomicReference<CliSettings> used = new AtomicReference<>();

    private CliRunner runner() {
        InMemoryClusterApi api = new InMemoryClusterApi();
        return new CliRunner().apiFactory(settings -> {
            used.set(settings);
            return api;
        });
    }

    @Test
    void optionsBeforeSubcommandApply() {
        Result result = runner().run("--server", "http://127.0.0.1:19001", "-n", "team-a", "--retry-timeout", "3",
                "get", "pods");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(List.of("http://127.0.0.1:19001"), used.get().servers());
        assertEquals("team-a", used.get().namespace());
        assertEquals(Duration.ofSeconds(3), used.get().retryTimeout());
    }

    @Test
    void optionAfterSubcommandWins() {
        Result result = runner().run("-n", "team-a", "get", "pods", "-n", "team-b");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("team-b", used.get().namespace());
    }

    @Test
    void invalidGlobalRetryTimeoutRejected() {
        Result result = runner().run("--retry-timeout", "0", "get", "pods");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("invalid --retry-timeout 0"), result.err());
    }
}
