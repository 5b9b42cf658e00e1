package io.boss.node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Starts the node agent. Accepts Dropwizard's commands ({@code server [config.yml]},
 * {@code check config.yml}) and runs {@code server} without a file when no command is given.
 * {@code --servers URL[,URL...]} anywhere on the command line sets the {@code servers} key, as
 * the Dropwizard override {@code -Ddw.servers=...} would.
 */
public final class NodeAgentMain {

    private NodeAgentMain() {
    }

    public static void main(String[] args) throws Exception {
        new NodeAgentApplication().run(prepareArguments(args));
    }

    /** Moves {@code --servers} into a {@code dw.servers} override and adds {@code server} when no command is given. */
    static String[] prepareArguments(String[] args) {
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--servers=")) {
                System.setProperty("dw.servers", arg.substring("--servers=".length()));
            } else if (arg.equals("--servers")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--servers needs a value: a comma-separated list of server URLs");
                }
                System.setProperty("dw.servers", args[++i]);
            } else {
                remaining.add(arg);
            }
        }
        if (remaining.isEmpty() || remaining.get(0).startsWith("-") && !isHelp(remaining.get(0))) {
            remaining.add(0, "server");
        }
        return remaining.toArray(String[]::new);
    }

    private static boolean isHelp(String arg) {
        return Arrays.asList("-h", "--help", "-v", "--version").contains(arg);
    }
}
