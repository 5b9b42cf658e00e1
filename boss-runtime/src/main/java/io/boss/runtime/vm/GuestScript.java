package io.boss.runtime.vm;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Writes the guest's {@code /boss/run}: a shell script that exports the env and execs the command. */
final class GuestScript {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private GuestScript() {
    }

    /** Returns the script. Variables whose names the shell cannot export are left out. */
    static String of(List<String> argv, Map<String, String> env) {
        StringBuilder script = new StringBuilder("#!/bin/sh\n");
        env.forEach((name, value) -> {
            if (ENV_NAME.matcher(name).matches()) {
                script.append("export ").append(name).append('=').append(quote(value)).append('\n');
            }
        });
        script.append("exec");
        for (String word : argv) {
            script.append(' ').append(quote(word));
        }
        return script.append('\n').toString();
    }

    /** Quotes a word for a POSIX shell: single quotes, with each embedded quote closed and escaped. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
