package io.boss.cli.commands;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code bossctl version}: prints the client's version, read from the build. */
@Command(name = "version", description = "Print the bossctl version.")
public class VersionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("bossctl version " + version());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Returns the Maven project version the jar was built from, or {@code unknown}. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream input = VersionCommand.class.getResourceAsStream("/io/boss/cli/version.properties")) {
            if (input != null) {
                properties.load(input);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }

    /** Supplies {@code bossctl --version}. */
    public static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bossctl version " + version()};
        }
    }
}
