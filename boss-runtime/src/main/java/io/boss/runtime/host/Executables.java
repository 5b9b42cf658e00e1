package io.boss.runtime.host;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the program a command names, the way a shell's exec does. */
public final class Executables {

    private Executables() {
    }

    /**
     * Resolves a command: a name containing '/' is a path, relative to {@code workDir} unless
     * absolute; any other name is looked up in the directories of {@code searchPath}. Returns
     * the executable regular file found, or empty.
     */
    public static Optional<Path> resolve(String command, String searchPath, Path workDir) {
        if (command == null || command.isEmpty()) {
            return Optional.empty();
        }
        if (command.contains("/")) {
            Path path = workDir.resolve(command);
            return isExecutableFile(path) ? Optional.of(path) : Optional.empty();
        }
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, command);
            if (isExecutableFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
