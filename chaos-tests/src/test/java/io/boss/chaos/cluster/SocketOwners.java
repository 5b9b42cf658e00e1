package io.boss.chaos.cluster;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds which of the harness's processes owns the client end of a loopback TCP connection: the
 * socket's inode comes from {@code /proc/net/tcp} (matched by its local and remote ports), and
 * the owner is the process with a {@code /proc/<pid>/fd} link to {@code socket:[inode]}. Linux only.
 */
final class SocketOwners {

    private final Supplier<Map<Long, String>> namesByPid;

    /** @param namesByPid the live pids to consider, each with the name to return for it */
    SocketOwners(Supplier<Map<Long, String>> namesByPid) {
        this.namesByPid = namesByPid;
    }

    /** Returns the name of the process whose socket is {@code 127.0.0.1:clientPort -> 127.0.0.1:serverPort}. */
    Optional<String> ownerOf(int clientPort, int serverPort) {
        Optional<String> inode = inodeOf(clientPort, serverPort);
        if (inode.isEmpty()) {
            return Optional.empty();
        }
        String link = "socket:[" + inode.get() + "]";
        for (Map.Entry<Long, String> process : namesByPid.get().entrySet()) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", process.getKey().toString(), "fd"))) {
                for (Path fd : fds) {
                    if (link.equals(readLink(fd))) {
                        return Optional.of(process.getValue());
                    }
                }
            } catch (IOException e) {
                // The process ended meanwhile; try the next one.
            }
        }
        return Optional.empty();
    }

    /** Returns the names of the processes with an established connection to {@code 127.0.0.1:serverPort}. */
    List<String> clientsOf(int serverPort) {
        String remote = String.format(":%04X", serverPort);
        List<String> clients = new ArrayList<>();
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (IOException e) {
                continue;
            }
            for (String line : lines) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && fields[2].endsWith(remote) && "01".equals(fields[3])) {
                    String local = fields[1];
                    int clientPort = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
                    ownerOf(clientPort, serverPort).ifPresent(clients::add);
                }
            }
        }
        return clients;
    }

    private static Optional<String> inodeOf(int clientPort, int serverPort) {
        String local = String.format(":%04X", clientPort);
        String remote = String.format(":%04X", serverPort);
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(table));
            } catch (IOException e) {
                continue;
            }
            for (String line : lines) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && fields[1].endsWith(local) && fields[2].endsWith(remote)) {
                    return Optional.of(fields[9]);
                }
            }
        }
        return Optional.empty();
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";
        }
    }
}
