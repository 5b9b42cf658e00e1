package io.boss.store.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.rpc.SupportedRpcType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replacement of a Raft client that stopped making progress. The clients are real Ratis clients
 * that never connect: the requests are futures the test completes, or leaves outstanding, because
 * a request that a cut connection strands cannot be produced on demand.
 */
class RecreatingClientTest {

    private static final Duration STUCK_AFTER = Duration.ofSeconds(6);

    private final AtomicLong nanos = new AtomicLong();
    private final List<RaftClient> created = new ArrayList<>();
    private final RecreatingClient client = new RecreatingClient("test client", this::newClient, STUCK_AFTER, nanos::get);

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
    void stuckRequestReplacesClient() {
        String first = client.currentClientId();
        client.send(raftClient -> new CompletableFuture<>());

        nanos.addAndGet(STUCK_AFTER.plusMillis(1).toNanos());
        CompletableFuture<String> next = client.send(raftClient -> CompletableFuture.completedFuture(raftClient.getId().toString()));

        assertNotEquals(first, client.currentClientId());
        assertEquals(client.currentClientId(), next.join());
        assertEquals(2, created.size());
    }

    @Test
    void slowRequestWithinLimitKeepsClient() {
        String first = client.currentClientId();
        client.send(raftClient -> new CompletableFuture<>());

        nanos.addAndGet(STUCK_AFTER.minusMillis(1).toNanos());
        client.send(raftClient -> CompletableFuture.completedFuture("ok"));

        assertEquals(first, client.currentClientId());
    }

    @Test
    void answeredRequestsNeverCountAsStuck() {
        String first = client.currentClientId();
        CompletableFuture<String> answered = new CompletableFuture<>();
        client.send(raftClient -> answered);
        answered.complete("ok");

        nanos.addAndGet(STUCK_AFTER.multipliedBy(10).toNanos());
        client.send(raftClient -> CompletableFuture.completedFuture("ok"));

        assertEquals(first, client.currentClientId());
    }

    @Test
    void closedSlidingWindowReplacesClient() {
        String first = client.currentClientId();

        client.send(raftClient -> CompletableFuture.failedFuture(new AlreadyClosedException("sliding window closed")));

        assertNotEquals(first, client.currentClientId());
        assertTrue(created.size() >= 2);
    }
}
