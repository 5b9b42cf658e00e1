package io.boss.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.cli.testing.CliRunner;
import io.boss.cli.testing.CliRunner.Result;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad command lines fail with exit code 2 and one line naming the fix, before any API call. */
class ArgumentErrorsTest {

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of(new String[] {}, "error: missing command"),
                Arguments.of(new String[] {"get"}, "error: Missing required parameter: 'KIND'"),
                Arguments.of(new String[] {"get", "pdos"}, "error: unknown resource type \"pdos\": use one of pod, pods, po, node"),
                Arguments.of(new String[] {"get", "pods", "-o", "xml"}, "error: invalid output format \"xml\": use one of wide, json, yaml, name"),
                Arguments.of(new String[] {"get", "pods", "web", "-l", "app=web"}, "error: a NAME cannot be combined with --selector"),
                Arguments.of(new String[] {"get", "pods", "--bogus"}, "error: Unknown option: '--bogus'"),
                Arguments.of(new String[] {"describe", "pods"}, "error: missing NAME"),
                Arguments.of(new String[] {"describe", "pod/"}, "error: invalid resource \"pod/\": expected KIND/NAME"),
                Arguments.of(new String[] {"delete", "pods"}, "error: expected KIND NAME..., KIND/NAME... or -f FILE"),
                Arguments.of(new String[] {"delete", "pod/web", "db"}, "error: \"db\" is not KIND/NAME"),
                Arguments.of(new String[] {"get", "pdos/web"}, "error: unknown resource type \"pdos\""),
                Arguments.of(new String[] {"scale", "pods", "web", "--replicas", "2"}, "error: cannot scale pods"),
                Arguments.of(new String[] {"scale", "deploy", "web", "--replicas", "-1"}, "error: invalid --replicas -1: expected 0 or more"),
                Arguments.of(new String[] {"scale", "deploy", "web"}, "error: Missing required option: '--replicas=N'"),
                Arguments.of(new String[] {"rollout"}, "error: missing subcommand: use status, history or undo"),
                Arguments.of(new String[] {"rollout", "status", "pod/web"}, "error: rollout works on deployments only, not pods"),
                Arguments.of(new String[] {"logs", "web", "--tail", "-3"}, "error: invalid --tail -3"),
                Arguments.of(new String[] {"cluster", "-o", "wide"}, "error: invalid output format \"wide\" for cluster: use json or yaml"),
                Arguments.of(new String[] {"apply"}, "error: Missing required option: '--filename=FILE|DIR|-'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badCommandLines")
    void badCommandLineExitsTwoWithOneLine(String[] args, String expectedStart) {
        Result result = new CliRunner().run(args);

        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().startsWith(expectedStart), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        assertEquals("", result.out());
    }
}
