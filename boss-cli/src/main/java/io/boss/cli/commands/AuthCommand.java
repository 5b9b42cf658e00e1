package io.boss.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bossctl auth can-i}: questions about the caller's own access. */
@Command(name = "auth", description = "Inspect your own access to the cluster.", subcommands = {CanICommand.class})
public class AuthCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: use can-i");
    }
}
