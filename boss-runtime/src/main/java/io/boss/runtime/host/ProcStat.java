package io.boss.runtime.host;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fields of a Linux {@code /proc/<pid>/stat} line that sandbox supervision needs.
 *
 * @param pid the process id
 * @param command the command name (stat field 2, at most 15 characters)
 * @param state the one-letter state; {@code Z} is a zombie that has exited but is not yet reaped
 * @param pgid the process group id
 * @param sessionId the session id
 * @param startTicks the start time in clock ticks since boot; a reused pid gets a different value
 */
public record ProcStat(long pid, String command, char state, long pgid, long sessionId, long startTicks) {

    private static final Path PROC = Path.of("/proc");

    /** Reads a process's stat line; empty when the process does not exist. */
    public static Optional<ProcStat> read(long pid) {
        try {
            String line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            return Optional.of(parse(pid, line));
        } catch (IOException | RuntimeException e) {
            // The process ended between listing and reading, or never existed.
            return Optional.empty();
        }
    }

    /**
     * Parses a stat line. The command name in field 2 is in parentheses and may itself contain
     * spaces and parentheses, so the fields after it are counted from the last ')'.
     */
    static ProcStat parse(long pid, String line) {
        int commandEnd = line.lastIndexOf(')');
        String command = line.substring(line.indexOf('(') + 1, commandEnd);
        String[] fields = line.substring(commandEnd + 2).trim().split(" ");
        // fields[0] is stat field 3 (state); see proc(5) for the numbering.
        return new ProcStat(pid, command, fields[0].charAt(0), Long.parseLong(fields[2]), Long.parseLong(fields[3]),
                Long.parseLong(fields[19]));
    }

    /** Returns whether the process runs, counting a zombie as ended. */
    public boolean alive() {
        return state != 'Z' && state != 'X';
    }

    /** Lists the live processes of a process group that started no earlier than {@code notBeforeTicks}. */
    public static List<ProcStat> groupMembers(long pgid, long notBeforeTicks) {
        List<ProcStat> members = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                read(Long.parseLong(name))
                        .filter(stat -> stat.pgid == pgid && stat.alive() && stat.startTicks >= notBeforeTicks)
                        .ifPresent(members::add);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return members;
    }
}
