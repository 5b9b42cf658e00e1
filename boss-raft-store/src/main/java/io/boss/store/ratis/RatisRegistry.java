package io.boss.store.ratis;

import io.boss.store.KeyValue;
import io.boss.store.LeadershipListener;
import io.boss.store.ListResult;
import io.boss.store.Operation;
import io.boss.store.ReadConsistency;
import io.boss.store.Registry;
import io.boss.store.ReplicaInfo;
import io.boss.store.StoreException;
import io.boss.store.Watch;
import io.boss.store.WatchListener;
import io.boss.store.WriteResult;
import io.boss.store.watch.WatchHub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.netty.NettyFactory;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Registry} backed by one replica of a Ratis group: it runs this replica's
 * {@link RaftServer} and a {@link RaftClient} through which writes reach the leader.
 *
 * <p>A write completes after the leader applied it and this replica applied it too. A
 * linearizable read first runs a Ratis read-index round against this replica, which then serves
 * the read from its applied state. Every request is bounded by the configured request timeout and
 * fails with {@code NO_QUORUM} when the group cannot commit or confirm leadership in time.
 */
public final class RatisRegistry implements Registry {

    /** Group id shared by every registry replica; a replica's log lives under a directory of this name. */
    public static final RaftGroupId GROUP_ID =
            RaftGroupId.valueOf(UUID.nameUUIDFromBytes("boss-registry".getBytes(StandardCharsets.UTF_8)));

    private static final Logger LOG = LoggerFactory.getLogger(RatisRegistry.class);
    /** Write connections to the leader; each carries one proposal at a time. */
    private static final int WRITE_CLIENTS = 2;
    /** The delay before a read-index round is sent again to a leader that awaits contact with a majority. */
    private static final Executor CONFIRMATION_RETRY = CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS);
    private static final TimeDuration RETRY_SLEEP = TimeDuration.valueOf(100, TimeUnit.MILLISECONDS);

    private final RegistryConfig config;
    private final RaftPeerId peerId;
    private final RaftGroup group;
    private final WatchHub watchHub;
    private final LeadershipNotifier leadership;
    private final RegistryStateMachine stateMachine;
    private final RaftServer server;
    private final List<RecreatingClient> writeClients = new ArrayList<>();
    private final RecreatingClient readClient;
    private final ProposalBatcher proposals;
    private final ReadBarrier readBarrier;
    private final long timeoutMillis;
    private volatile boolean closed;

    private RatisRegistry(RegistryConfig config) throws IOException {
        this.config = config;
        this.peerId = RaftPeerId.valueOf(config.replicaId());
        this.group = RaftGroup.valueOf(GROUP_ID, peers(config.peers()));
        this.timeoutMillis = config.requestTimeout().toMillis();
        this.watchHub = new WatchHub(config.replicaId(), config.watchHistorySize(), config.watchBufferSize());
        this.leadership = new LeadershipNotifier(config.replicaId());
        LeaderContact leaderContact = new LeaderContact(this::division);
        this.stateMachine = new RegistryStateMachine(config.replicaId(), config.maxValueBytes(), watchHub, leadership,
                leaderContact::confirmed);

        Files.createDirectories(config.dataDirectory());
        boolean existing = Files.isDirectory(config.dataDirectory().resolve(GROUP_ID.getUuid().toString()));
        this.server = RaftServer.newBuilder()
                .setServerId(peerId)
                .setGroup(group)
                .setStateMachine(stateMachine)
                .setProperties(RatisProperties.server(config))
                .setOption(existing ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
                .build();

        // Writes and read barriers use separate clients, so a read never queues behind writes on
        // one connection. Several write clients keep several proposals in flight.
        List<Function<Message, CompletableFuture<RaftClientReply>>> senders = new ArrayList<>();
        for (int i = 0; i < WRITE_CLIENTS; i++) {
            RecreatingClient writeClient = new RecreatingClient("Raft write client", () -> newClient(config, knownLeader()), stuckAfter(config));
            writeClients.add(writeClient);
            senders.add(message -> writeClient.send(client -> client.async().send(message)));
        }
        this.readClient = new RecreatingClient("Raft read client", () -> newClient(config, knownLeader()), stuckAfter(config));
        this.proposals = new ProposalBatcher(senders,
                failure -> RatisFailures.classify(failure, "write", config.replicaId(), timeoutMillis, closed));
        this.readBarrier = new ReadBarrier(() -> readIndexRound(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis)));
    }

    /**
     * Returns how long a request may stay outstanding before its client is replaced: twice the
     * request timeout, so that a request Ratis still retries in time is not cut short.
     */
    private static Duration stuckAfter(RegistryConfig config) {
        return config.requestTimeout().multipliedBy(2);
    }

    /** Returns the leader this replica last learned of, or null before it has seen one. */
    private RaftPeerId knownLeader() {
        try {
            return server.getDivision(GROUP_ID).getInfo().getLeaderId();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static RaftClient newClient(RegistryConfig config, RaftPeerId leader) {
        ClientId clientId = ClientId.randomId();
        long timeoutMillis = config.requestTimeout().toMillis();
        return RaftClient.newBuilder()
                .setClientId(clientId)
                .setRaftGroup(RaftGroup.valueOf(GROUP_ID, peers(config.peers())))
                .setLeaderId(leader)
                .setProperties(RatisProperties.client(config))
                .setClientRpc(new NettyFactory(new Parameters()).newRaftClientRpc(clientId, RatisProperties.client(config)))
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
                        (int) Math.max(1, timeoutMillis / RETRY_SLEEP.toLong(TimeUnit.MILLISECONDS)), RETRY_SLEEP))
                .build();
    }

    /**
     * Starts this replica: opens or formats its storage under the data directory, replays its
     * snapshot and log, and joins the group. Returns before a leader is elected.
     */
    public static RatisRegistry start(RegistryConfig config) {
        RatisRegistry registry = null;
        try {
            registry = new RatisRegistry(config);
            registry.server.start();
            LOG.info("[{}] registry replica started on {} with data in {}", config.replicaId(), config.raftAddress(), config.dataDirectory());
            return registry;
        } catch (IOException e) {
            if (registry != null) {
                registry.close();
            }
            throw new UncheckedIOException("failed to start registry replica " + config.replicaId() + " with data in " + config.dataDirectory(), e);
        }
    }

    @Override
    public CompletableFuture<WriteResult> commit(List<Operation> operations) {
        try {
            checkOpen();
            BatchValidator.validate(operations, config.maxValueBytes());
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }

        List<Operation> batch = List.copyOf(operations);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        return bounded(proposals.submit(batch), "write").thenCompose(result -> {
            long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            return awaitRevision(result.revision(), Duration.ofMillis(remaining)).thenApply(applied -> result);
        });
    }

    @Override
    public CompletableFuture<KeyValue> get(String key, ReadConsistency consistency) {
        return read(consistency, () -> stateMachine.get(key));
    }

    @Override
    public CompletableFuture<ListResult> list(String prefix, ReadConsistency consistency) {
        return read(consistency, () -> stateMachine.list(prefix));
    }

    @Override
    public CompletableFuture<Long> awaitRevision(long revision, Duration timeout) {
        RevisionWaiters waiters = stateMachine.revisionWaiters();
        CompletableFuture<Long> applied = waiters.await(revision);
        if (applied.isDone()) {
            return applied;
        }
        CompletableFuture<Long> result = new CompletableFuture<>();
        applied.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
                return;
            }
            waiters.cancel(revision, applied);
            result.completeExceptionally(new StoreException(StoreException.Reason.TIMEOUT, null,
                    "replica " + config.replicaId() + " did not apply revision " + revision + " within "
                            + timeout.toMillis() + " ms; it is at revision " + stateMachine.appliedRevision()));
        });
        return result;
    }

    @Override
    public Watch watch(String prefix, long fromRevision, WatchListener listener) {
        if (prefix == null || listener == null || fromRevision < 0) {
            throw new StoreException(StoreException.Reason.INVALID, null,
                    "a watch needs a prefix (may be empty), a listener and a revision of at least 0, got prefix="
                            + prefix + " fromRevision=" + fromRevision);
        }
        return watchHub.watch(prefix, fromRevision, listener);
    }

    @Override
    public long currentRevision() {
        return stateMachine.appliedRevision();
    }

    @Override
    public long oldestWatchableRevision() {
        return watchHub.oldestWatchableRevision();
    }

    @Override
    public String replicaId() {
        return config.replicaId();
    }

    @Override
    public boolean isLeader() {
        return division().getInfo().isLeader();
    }

    @Override
    public long currentTerm() {
        return division().getInfo().getCurrentTerm();
    }

    @Override
    public String leaderId() {
        RaftPeerId leader = division().getInfo().getLeaderId();
        return leader == null ? null : leader.toString();
    }

    @Override
    public List<ReplicaInfo> replicas() {
        return ReplicaView.of(division(), config.peers(), ReplicaView.unreachableAfterMillis());
    }

    @Override
    public void addLeadershipListener(LeadershipListener listener) {
        leadership.addListener(listener);
    }

    @Override
    public void removeLeadershipListener(LeadershipListener listener) {
        leadership.removeListener(listener);
    }

    /** Number of watches delivering events on this replica. */
    public int activeWatchCount() {
        return watchHub.activeWatchCount();
    }

    /** Number of snapshots this replica received from a leader and loaded since it started. */
    public long installedSnapshotCount() {
        return stateMachine.installedSnapshotCount();
    }

    /** Number of keys stored on this replica. */
    public int keyCount() {
        return stateMachine.size();
    }

    /** Stops the Raft server and client; watches end with {@code CLOSED}. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writeClients.forEach(writeClient -> closeQuietly("Raft write client", writeClient));
        closeQuietly("Raft read client", readClient);
        closeQuietly("Raft server", server);
        watchHub.close();
        leadership.close();
        LOG.info("[{}] registry replica stopped", config.replicaId());
    }

    private <T> CompletableFuture<T> read(ReadConsistency consistency, Supplier<T> localRead) {
        try {
            checkOpen();
        } catch (StoreException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (consistency == ReadConsistency.LOCAL) {
            try {
                return CompletableFuture.completedFuture(localRead.get());
            } catch (StoreException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        // The Netty server of Ratis 3.2 rejects the request a follower sends the leader for a read
        // index. So every replica sends the round to the leader, which replies with its applied
        // revision. The replica waits to apply that revision and serves the read from its own state.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        return bounded(readBarrier.await(), "linearizable read")
                .thenCompose(revision -> {
                    long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                    return awaitRevision(revision, Duration.ofMillis(remaining));
                })
                .thenApply(applied -> localRead.get());
    }

    /**
     * Runs one read-index round and returns the leader's applied revision. A leader that has not
     * been in contact with a majority recently replies {@link RegistryStateMachine#NOT_CONFIRMED},
     * and the round is sent again until {@code deadlineNanos}: a late heartbeat reply makes the
     * read wait, a lost majority makes it fail with {@code NO_QUORUM}.
     */
    private CompletableFuture<Long> readIndexRound(long deadlineNanos) {
        return readClient.send(client -> client.async().sendReadOnly(Message.EMPTY))
                .thenApply(this::decodeReadBarrier)
                .thenCompose(revision -> {
                    if (revision != RegistryStateMachine.NOT_CONFIRMED) {
                        return CompletableFuture.completedFuture(revision);
                    }
                    if (System.nanoTime() > deadlineNanos) {
                        return CompletableFuture.failedFuture(new StoreException(StoreException.Reason.NO_QUORUM, null,
                                "the leader of replica " + config.replicaId() + "'s group has not heard from a majority within "
                                        + LeaderContact.RECENT.toMillis() + " ms"));
                    }
                    return CompletableFuture.supplyAsync(() -> deadlineNanos, CONFIRMATION_RETRY)
                            .thenCompose(this::readIndexRound);
                });
    }

    private long decodeReadBarrier(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            throw RatisFailures.classify(reply.getException(), "linearizable read", config.replicaId(), timeoutMillis, closed);
        }
        try {
            return CommandCodec.decodeRevision(reply.getMessage().getContent());
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.INTERNAL, null,
                    "replica " + config.replicaId() + " could not decode a read barrier reply: " + e.getMessage(), e);
        }
    }

    /** Fails a copy of {@code request} with {@code NO_QUORUM} once the request timeout passes; a shared read barrier stays intact. */
    private <T> CompletableFuture<T> bounded(CompletableFuture<T> request, String action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        request.copy().orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(RatisFailures.classify(failure, action, config.replicaId(), timeoutMillis, closed));
            } else {
                result.complete(value);
            }
        });
        return result;
    }

    RaftServer.Division division() {
        try {
            return server.getDivision(GROUP_ID);
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.CLOSED, null,
                    "replica " + config.replicaId() + " is not serving the registry group: " + e.getMessage(), e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreException(StoreException.Reason.CLOSED, null, "the store on replica " + config.replicaId() + " is closed");
        }
    }

    private void closeQuietly(String what, AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("[{}] closing the {} failed", config.replicaId(), what, e);
        }
    }

    private static List<RaftPeer> peers(Map<String, String> addresses) {
        List<RaftPeer> peers = new ArrayList<>();
        addresses.forEach((id, address) -> peers.add(RaftPeer.newBuilder().setId(id).setAddress(address).build()));
        return peers;
    }
}
