package io.boss.cli;

import io.boss.api.error.BossApiException;
import io.boss.api.error.ErrorReasons;
import io.boss.api.json.MalformedInputException;
import io.boss.cli.client.UnreachableClusterException;
import io.boss.cli.config.SettingsException;
import io.boss.cli.resource.ResourceNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every error into one line on stderr: {@code error: <what failed>}. API and runtime errors
 * exit with 1, usage errors with 2 (as picocli does). A stack trace is printed only with
 * {@code --verbose}.
 */
public final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

    /** Exit code of a command whose call failed. */
    public static final int FAILURE_EXIT_CODE = 1;

    @Override
    public int handleExecutionException(Exception error, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        err.println("error: " + message(error));
        if (isVerbose(parseResult)) {
            error.printStackTrace(err);
        }
        err.flush();
        return FAILURE_EXIT_CODE;
    }

    @Override
    public int handleParseException(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + error.getMessage() + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Returns the one-line description of an error, without the {@code error: } prefix. */
    public static String message(Throwable error) {
        if (error instanceof BossApiException) {
            return apiMessage((BossApiException) error);
        }
        if (error instanceof UnreachableClusterException
                || error instanceof ResourceNotFoundException
                || error instanceof SettingsException
                || error instanceof MalformedInputException
                || error instanceof IllegalArgumentException
                || error instanceof IllegalStateException) {
            return error.getMessage();
        }
        if (error instanceof UncheckedIOException && error.getCause() != null) {
            return error.getMessage() + ": " + error.getCause().getMessage();
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    private static String apiMessage(BossApiException error) {
        String reason = error.reason();
        String message = error.error() == null ? error.getMessage() : error.error().message();
        if (ErrorReasons.NOT_FOUND.equals(reason) && message != null) {
            return message;
        }
        if (reason == null || (message != null && message.startsWith(reason + ":"))) {
            return message;
        }
        return reason + ": " + message;
    }

    private static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
