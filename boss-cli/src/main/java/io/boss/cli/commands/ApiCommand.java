package io.boss.cli.commands;

import io.boss.api.ResourceKind;
import io.boss.cli.client.ClusterApi;
import io.boss.cli.resource.KindNames;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Base of the commands that call the API: opens a client on the configured servers, runs the
 * command and closes the client. A command returns its exit code; errors propagate as
 * exceptions that {@link io.boss.cli.ErrorReporter} turns into one line on stderr.
 */
public abstract class ApiCommand implements Callable<Integer> {

    /** Exit code of a command that ran to completion. */
    protected static final int OK = 0;
    /** Exit code of a command that failed for a reason other than its usage. */
    protected static final int FAILED = 1;

    @Mixin
    protected ConnectionOptions connection;

    @Spec
    protected CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        validateArguments();
        try (ClusterApi api = connection.connect()) {
            return execute(api);
        }
    }

    /** Checks argument combinations before connecting; throws {@link #usageError} on bad ones. */
    protected void validateArguments() {
    }

    /** Runs the command against the API and returns its exit code. */
    protected abstract int execute(ClusterApi api) throws Exception;

    /** Resolves a kind name the user typed, or fails as a usage error naming the accepted names. */
    protected ResourceKind resolveKind(String name) {
        try {
            return KindNames.resolve(name);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
    }

    /** Parses {@code KIND/NAME}, such as {@code pod/web}, or raises a usage error. */
    protected KindNames.TypedName parseTypedName(String text) {
        try {
            return KindNames.parseTypedName(text);
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
    }

    /** Returns the namespace for {@code kind}: null for a cluster-scoped kind. */
    protected String namespaceFor(ResourceKind kind) {
        return kind.namespaced() ? connection.namespace() : null;
    }

    /** Returns an exception that picocli reports as a usage error with exit code 2. */
    protected ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
