package io.boss.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A loopback TCP proxy to one port that {@link #stall()} turns into a replica that stopped
 * without closing anything, as under SIGSTOP: connections stay open and new ones are accepted,
 * but no byte passes in either direction. Runs one accept thread and two copy threads per
 * connection, all daemons.
 */
final class StallingProxy implements AutoCloseable {

    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean stalled;

    StallingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::acceptLoop, "stalling-proxy-accept");
    }

    int port() {
        return server.getLocalPort();
    }

    /** Stops forwarding until {@link #close()}. */
    void stall() {
        stalled = true;
    }

    @Override
    public void close() throws IOException {
        released.countDown();
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket inbound = server.accept();
                sockets.add(inbound);
                if (stalled) {
                    continue;
                }
                Socket outbound = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(outbound);
                daemon(() -> pump(inbound, outbound), "stalling-proxy-in");
                daemon(() -> pump(outbound, inbound), "stalling-proxy-out");
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                if (stalled) {
                    released.await();
                    return;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // The peer or close() ended the connection.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
