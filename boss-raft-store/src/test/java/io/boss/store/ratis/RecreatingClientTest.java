package io.boss.store.ratis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.boss.store.testing.LoopbackPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.rpc.SupportedRpcType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replacement of a Raft client that stopped making progress. Most clients here are real Ratis
 * clients that never connect: the requests are futures the test completes, or leaves outstanding,
 * because a request that a cut connection strands cannot be produced on demand. One test drops a
 * real connection, so that the failure arrives on the client's own Netty event loop.
 */
class RecreatingClientTest {

    private static final Duration STUCK_AFTER = Duration.ofMillis(300);

    private final List<RaftClient> created = new ArrayList<>();
    private final RecreatingClient client = new RecreatingClient("test client", this::newClient, STUCK_AFTER);

    @AfterEach
    void close() throws Exception {
        client.close();
    }

    private RaftClient newClient() {
        RaftGroup group = RaftGroup.valueOf(RaftGroupId.randomId(),
                RaftPeer.newBuilder().setId("r1").setAddress("127.0.0.1:1").build());
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.NETTY);
        RaftClient raftClient = RaftClient.newBuilder().setRaftGroup(group).setProperties(properties).build();
        created.add(raftClient);
        return raftClient;
    }

    @Test
    void stuckRequestFailsAndReplacesClient() {
        String first = client.currentClientId();

        CompletableFuture<String> stuck = client.send(raftClient -> new CompletableFuture<>());

        CompletionException failure = assertThrows(CompletionException.class, stuck::join);
        assertInstanceOf(TimeoutException.class, failure.getCause());
        await("the stuck client replaced").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertNotEquals(first, client.currentClientId()));
        CompletableFuture<String> next = client.send(raftClient -> CompletableFuture.completedFuture(raftClient.getId().toString()));
        assertEquals(client.currentClientId(), next.join());
    }

    /**
     * A peer that closes every connection fails the request on the client's event loop. Closing
     * the client from that callback waited for the event loop itself, so the failed request never
     * completed and the replica's writes hung until restart.
     */
    @Test
    void droppedConnectionReplacesClient() throws Exception {
        try (ServerSocket peer = new ServerSocket(LoopbackPorts.next(), 50, InetAddress.getLoopbackAddress());
             RecreatingClient dropped = new RecreatingClient("test client", () -> clientOf(peer.getLocalPort()),
                     Duration.ofSeconds(30))) {
            Thread closer = new Thread(() -> closeEveryConnection(peer), "drops-connections");
            closer.setDaemon(true);
            closer.start();
            String first = dropped.currentClientId();

            CompletableFuture<RaftClientReply> reply = dropped.send(raftClient -> raftClient.async().send(Message.valueOf("write")));

            await("the failed request completes").atMost(Duration.ofSeconds(10)).until(reply::isDone);
            assertTrue(reply.isCompletedExceptionally());
            assertNotEquals(first, dropped.currentClientId());
        }
    }

    private RaftClient clientOf(int port) {
        RaftGroup group = RaftGroup.valueOf(RaftGroupId.randomId(),
                RaftPeer.newBuilder().setId("r1").setAddress("127.0.0.1:" + port).build());
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.NETTY);
        RaftClient raftClient = RaftClient.newBuilder().setRaftGroup(group).setProperties(properties)
                .setRetryPolicy(RetryPolicies.noRetry()).build();
        created.add(raftClient);
        return raftClient;
    }

    private static void closeEveryConnection(ServerSocket peer) {
        while (!peer.isClosed()) {
            try (Socket connection = peer.accept()) {
                connection.getInputStream().read();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Test
    void answeredRequestKeepsClient() {
        String first = client.currentClientId();

        String reply = client.send(raftClient -> CompletableFuture.supplyAsync(() -> "ok")).join();

        assertEquals("ok", reply);
        assertEquals(first, client.currentClientId());
        assertEquals(1, created.size());
    }

    @Test
    void closedSlidingWindowReplacesClient() {
        String first = client.currentClientId();

        CompletableFuture<String> closed = client.send(raftClient ->
                CompletableFuture.failedFuture(new AlreadyClosedException("sliding window closed")));

        assertThrows(CompletionException.class, closed::join);
        assertNotEquals(first, client.currentClientId());
        assertEquals(2, created.size());
    }
}
