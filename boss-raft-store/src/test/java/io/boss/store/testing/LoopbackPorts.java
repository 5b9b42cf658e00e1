package io.boss.store.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hands out loopback ports for servers that a test or benchmark configures before it starts them.
 *
 * <p>Asking the kernel for port 0 and closing the socket is not enough: between the close and
 * the server's bind, any outgoing connection on the machine (a Raft peer dialing another, an
 * HTTP client) may be given that same port as its local end, because port 0 draws from the
 * ephemeral range. The server then fails with "address already in use". This class picks ports
 * below the ephemeral range, where the kernel never assigns outgoing connections, and never
 * hands out the same port twice in one JVM.
 */
public final class LoopbackPorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    /** Lowest port handed out; below it sit well-known services and bin/boss-local's defaults. */
    private static final int LOWEST = 20_000;

    /** Used when the ephemeral range cannot be read, as on macOS; Linux's default starts there. */
    private static final int DEFAULT_EPHEMERAL_START = 32_768;

    private static final int ATTEMPTS = 1_000;

    private static final Set<Integer> handedOut = new HashSet<>();

    private LoopbackPorts() {
    }

    /** Returns a loopback port that was free a moment ago and that this JVM has not handed out before. */
    public static synchronized int next() {
        int highest = ephemeralStart() - 1;
        if (highest <= LOWEST) {
            return kernelChosen();
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
            if (!handedOut.contains(port) && bindable(port)) {
                handedOut.add(port);
                return port;
            }
        }
        throw new IllegalStateException("No free loopback port between " + LOWEST + " and " + highest
                + " after " + ATTEMPTS + " attempts");
    }

    private static int ephemeralStart() {
        // Read line by line: Files.readString trusts the size procfs reports and returned "3" here.
        try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            String[] bounds = reader.readLine().trim().split("\\s+");
            return Integer.parseInt(bounds[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Servers set SO_REUSEADDR too, so a port whose old connections linger in TIME_WAIT counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int kernelChosen() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("Failed to find a free loopback port", e);
        }
    }
}
