package io.boss.chaos.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy for one directed Raft link, from replica {@code from} to replica {@code to}. It
 * listens on a loopback port that {@code from}'s peer list names as {@code to}'s Raft address,
 * and forwards each connection to {@code to}'s real Raft port.
 *
 * <p>{@link #cut()} closes every open connection and makes new ones close at once, so the
 * sender sees the link fail as it would under a partition that resets connections;
 * {@link #restore()} lets connections through again.
 *
 * <p>Ratis stores the Raft configuration in its log, with the addresses of the replica that led
 * first, and a restarted replica may dial those addresses: the proxy of another replica's link.
 * So each accepted connection is also tagged with the replica that opened it (found through
 * {@link SocketOwners}), and connections from a replica in {@code blockedSources} are dropped
 * whichever proxy they use. Runs one accept thread and two copy threads per connection, all daemons.
 */
public final class LinkProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LinkProxy.class);

    private final String name;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final SocketOwners owners;
    private final Set<String> blockedSources;
    private final Thread acceptor;
    private volatile boolean cut;
    private volatile boolean closed;

    /** Opens the listening socket on an ephemeral loopback port and starts accepting. */
    public LinkProxy(String from, String to, int targetPort, SocketOwners owners, Set<String> blockedSources)
            throws IOException {
        this.name = from + "->" + to;
        this.targetPort = targetPort;
        this.owners = owners;
        this.blockedSources = blockedSources;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "chaos-proxy-" + name);
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** Returns the port the sender connects to. */
    public int port() {
        return server.getLocalPort();
    }

    public String name() {
        return name;
    }

    public boolean isCut() {
        return cut;
    }

    /** Drops every connection of this link and rejects new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (Connection connection : open) {
            connection.close();
        }
    }

    /** Drops the open connections that {@code source} opened; call after adding it to the blocked sources. */
    public void dropConnectionsFrom(String source) {
        for (Connection connection : open) {
            if (source.equals(connection.source())) {
                connection.close();
            }
        }
    }

    /** Lets connections through again. */
    public void restore() {
        cut = false;
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing proxy {} failed: {}", name, e.toString());
        }
        for (Connection connection : open) {
            connection.close();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket inbound;
            try {
                inbound = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("proxy {} stopped accepting: {}", name, e.toString());
                }
                return;
            }
            // NOTE: a connection whose owner cannot be found (its client closed it meanwhile, or
            // /proc is unreadable) passes even while its source replica is isolated.
            String source = owners.ownerOf(inbound.getPort(), port()).orElse(null);
            if (cut || source != null && blockedSources.contains(source)) {
                closeQuietly(inbound);
                continue;
            }
            connect(inbound, source);
        }
    }

    private void connect(Socket inbound, String source) {
        Socket outbound = new Socket();
        try {
            outbound.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2_000);
            inbound.setTcpNoDelay(true);
            outbound.setTcpNoDelay(true);
        } catch (IOException e) {
            // The target replica is down; the sender sees the connection close and retries later.
            closeQuietly(inbound);
            closeQuietly(outbound);
            return;
        }
        Connection connection = new Connection(inbound, outbound, source);
        open.add(connection);
        pump(connection, inbound, outbound, "up");
        pump(connection, outbound, inbound, "down");
    }

    private void pump(Connection connection, Socket source, Socket sink, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = source.getInputStream(); OutputStream out = sink.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (cut) {
                        break;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (SocketException e) {
                LOG.trace("proxy {} {} ended: {}", name, direction, e.toString());
            } catch (IOException e) {
                LOG.debug("proxy {} {} failed: {}", name, direction, e.toString());
            } finally {
                connection.close();
                open.remove(connection);
            }
        }, "chaos-proxy-" + name + "-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    /** One proxied connection and the replica that opened it (null when unknown). */
    private record Connection(Socket inbound, Socket outbound, String source) {
        void close() {
            closeQuietly(inbound);
            closeQuietly(outbound);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.trace("closing a proxied socket failed: {}", e.toString());
        }
    }
}
