package io.boss.store.ratis;

import io.boss.store.KeyValue;
import io.boss.store.ListResult;
import io.boss.store.Operation;
import io.boss.store.StoreException;
import io.boss.store.watch.WatchHub;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine of the registry: applies committed batches to {@link RegistryState},
 * feeds the {@link WatchHub}, writes and loads snapshots and relays leadership events.
 *
 * <p>Threading: Ratis calls {@link #applyTransaction}, {@link #takeSnapshot} and
 * {@link #reinitialize} on its single apply thread. Reads take the read lock and may run on any
 * thread. A failed precondition is a normal reply. Any other failure while applying means this
 * replica's state may differ from its peers', so apply throws and Ratis stops the server.
 */
public final class RegistryStateMachine extends BaseStateMachine {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryStateMachine.class);
    /** The barrier reply of a replica that cannot confirm its leadership. Revisions start at 0. */
    static final long NOT_CONFIRMED = -1;

    private final String replicaId;
    private final int maxValueBytes;
    private final WatchHub watchHub;
    private final LeadershipNotifier leadership;
    private final BooleanSupplier leaderInContact;
    private final SnapshotStorage storage = new SnapshotStorage();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final RegistryState state = new RegistryState();
    private final RevisionWaiters revisionWaiters = new RevisionWaiters();
    private final AtomicLong installedSnapshots = new AtomicLong();
    private final Set<Runnable> applyListeners = new CopyOnWriteArraySet<>();

    private volatile long appliedRevision;
    private volatile boolean failed;

    RegistryStateMachine(String replicaId, int maxValueBytes, WatchHub watchHub, LeadershipNotifier leadership,
            BooleanSupplier leaderInContact) {
        this.replicaId = replicaId;
        this.leaderInContact = leaderInContact;
        this.maxValueBytes = maxValueBytes;
        this.watchHub = watchHub;
        this.leadership = leadership;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        getLifeCycle().startAndTransition(() -> {
            SingleFileSnapshotInfo snapshot = storage.getLatestSnapshot();
            if (snapshot != null) {
                loadSnapshot(snapshot);
                LOG.info("[{}] loaded snapshot at index {} revision {}", replicaId, snapshot.getIndex(), appliedRevision);
            }
        });
    }

    /** Called by Ratis before it replaces the snapshot files with a snapshot from the leader. */
    @Override
    public void pause() {
        if (getLifeCycle().getCurrentState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    /** Called by Ratis after a snapshot from the leader replaced this replica's snapshot files. */
    @Override
    public void reinitialize() throws IOException {
        SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
        if (snapshot == null) {
            throw new IOException("replica " + replicaId + " was asked to reload but has no snapshot");
        }
        getLifeCycle().transition(LifeCycle.State.STARTING);
        loadSnapshot(snapshot);
        getLifeCycle().transition(LifeCycle.State.RUNNING);
        installedSnapshots.incrementAndGet();
        LOG.info("[{}] installed snapshot from the leader at index {} revision {}", replicaId, snapshot.getIndex(), appliedRevision);
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        ByteString data = request.getMessage().getContent();
        TransactionContext transaction = TransactionContext.newBuilder()
                .setStateMachine(this)
                .setClientRequest(request)
                .setLogData(data)
                .build();
        try {
            for (List<Operation> batch : CommandCodec.decodeProposal(data)) {
                BatchValidator.validate(batch, maxValueBytes);
            }
        } catch (IOException | StoreException e) {
            transaction.setException(e);
        }
        return transaction;
    }

    /**
     * Applies each batch of the entry in order, each at its own revision if its preconditions
     * hold, and replies with one outcome per batch.
     */
    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext transaction) {
        LogEntryProto entry = transaction.getLogEntry();
        TermIndex termIndex = TermIndex.valueOf(entry);
        List<BatchReply> replies;
        try {
            List<List<Operation>> batches = CommandCodec.decodeProposal(entry.getStateMachineLogEntry().getLogData());
            replies = new ArrayList<>(batches.size());
            lock.writeLock().lock();
            try {
                for (List<Operation> batch : batches) {
                    RegistryState.BatchOutcome outcome = state.apply(batch);
                    replies.add(new BatchReply(outcome.result(), outcome.failure()));
                    if (outcome.failure() == null) {
                        appliedRevision = outcome.result().revision();
                        watchHub.publish(appliedRevision, outcome.events());
                    }
                }
                updateLastAppliedTermIndex(termIndex);
            } finally {
                lock.writeLock().unlock();
            }
        } catch (IOException | RuntimeException e) {
            failed = true;
            LOG.error("[{}] applying log entry {} failed; stopping this replica because its state may have diverged",
                    replicaId, termIndex, e);
            throw new IllegalStateException("replica " + replicaId + " failed to apply log entry " + termIndex, e);
        }

        revisionWaiters.advance(appliedRevision);
        applyListeners.forEach(Runnable::run);
        return CompletableFuture.completedFuture(Message.valueOf(CommandCodec.encodeReplies(replies)));
    }

    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        super.notifyTermIndexUpdated(term, index);
        applyListeners.forEach(Runnable::run);
    }

    /**
     * Runs {@code listener} on the apply thread after each committed entry is applied. The
     * leader's log appenders use it to send followers a new commit index at once, because Ratis
     * commits on another thread and, without its commit metadata entries, wakes no appender.
     */
    void addApplyListener(Runnable listener) {
        applyListeners.add(listener);
    }

    void removeApplyListener(Runnable listener) {
        applyListeners.remove(listener);
    }

    /**
     * Returns the applied revision as the reply to a linearizable read's barrier. Ratis calls this
     * on the leader after a read-index round, so the revision covers every write committed before
     * the read started. Returns {@link #NOT_CONFIRMED} instead when this replica has not been in
     * contact with a majority recently (see {@link LeaderContact}).
     */
    @Override
    public CompletableFuture<Message> query(Message request) {
        long revision = leaderInContact.getAsBoolean() ? appliedRevision : NOT_CONFIRMED;
        return CompletableFuture.completedFuture(Message.valueOf(CommandCodec.encodeRevision(revision)));
    }

    /**
     * Writes the state to a new snapshot file. Ratis calls this on the apply thread, so the state
     * cannot change while it is written and apply waits until the file is durable.
     */
    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() <= RaftLog.INVALID_LOG_INDEX) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        File target = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        File temporary = storage.temporaryFile(last.getTerm(), last.getIndex());
        Files.createDirectories(temporary.getParentFile().toPath());
        long revision;
        lock.readLock().lock();
        try (FileOutputStream file = new FileOutputStream(temporary);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file, 1 << 16))) {
            revision = state.revision();
            state.writeTo(out);
            out.flush();
            file.getFD().sync();
        } finally {
            lock.readLock().unlock();
        }
        Files.move(temporary.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE);

        MD5Hash digest = MD5FileUtil.computeAndSaveMd5ForFile(target);
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(target.toPath(), digest), last));
        LOG.info("[{}] took snapshot at index {} revision {}", replicaId, last.getIndex(), revision);
        return last.getIndex();
    }

    @Override
    public void notifyLeaderReady() {
        getServer().thenAccept(server -> {
            try {
                long term = server.getDivision(getGroupId()).getInfo().getCurrentTerm();
                leadership.leaderReady(term);
            } catch (IOException e) {
                LOG.warn("[{}] could not read the term after becoming leader", replicaId, e);
            }
        });
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeaderId) {
        if (newLeaderId == null || !newLeaderId.equals(member.getPeerId())) {
            leadership.leaderLost();
        }
    }

    @Override
    public void notifyNotLeader(Collection<TransactionContext> pendingTransactions) {
        leadership.leaderLost();
    }

    @Override
    public void notifyServerShutdown(RoleInfoProto roleInfo, boolean allServer) {
        leadership.leaderLost();
    }

    KeyValue get(String key) {
        checkHealthy();
        lock.readLock().lock();
        try {
            return state.get(key);
        } finally {
            lock.readLock().unlock();
        }
    }

    ListResult list(String prefix) {
        checkHealthy();
        lock.readLock().lock();
        try {
            return new ListResult(state.revision(), state.list(prefix));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of keys this replica holds. */
    int size() {
        lock.readLock().lock();
        try {
            return state.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    long appliedRevision() {
        return appliedRevision;
    }

    RevisionWaiters revisionWaiters() {
        return revisionWaiters;
    }

    /** Number of snapshots received from a leader and loaded since this replica started. */
    long installedSnapshotCount() {
        return installedSnapshots.get();
    }

    private void loadSnapshot(SingleFileSnapshotInfo snapshot) throws IOException {
        File file = snapshot.getFile().getPath().toFile();
        TermIndex last = SimpleStateMachineStorage.getTermIndexFromSnapshotFile(file);
        lock.writeLock().lock();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file.toPath()), 1 << 16))) {
            state.readFrom(in);
            setLastAppliedTermIndex(last);
            appliedRevision = state.revision();
            watchHub.reset(appliedRevision);
        } finally {
            lock.writeLock().unlock();
        }
        revisionWaiters.advance(appliedRevision);
    }

    private void checkHealthy() {
        if (failed) {
            throw new StoreException(StoreException.Reason.INTERNAL, null,
                    "replica " + replicaId + " stopped after a failed apply; read from another replica");
        }
    }

    /** Snapshot storage that exposes Ratis' temporary file name for an atomic rename. */
    private static final class SnapshotStorage extends SimpleStateMachineStorage {

        File temporaryFile(long term, long index) {
            return getTmpSnapshotFile(term, index);
        }
    }
}
