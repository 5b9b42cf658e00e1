package io.boss.store.ratis;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.proto.RaftProtos.AppendEntriesReplyProto;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.InstallSnapshotReplyProto;
import org.apache.ratis.proto.RaftProtos.InstallSnapshotRequestProto;
import org.apache.ratis.rpc.CallId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.leader.FollowerInfo;
import org.apache.ratis.server.leader.LeaderState;
import org.apache.ratis.server.leader.LogAppenderBase;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.raftlog.RaftLogIOException;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replicates the leader's log to one follower over Ratis' Netty transport, in place of the
 * default log appender of Ratis 3.2, for two reasons.
 *
 * <p>The default appender takes a follower's match index from the next index in a successful
 * reply. A follower replies to an empty append (a heartbeat) with the end of its own log, and that
 * log can hold entries of an older term that the leader never sent. The leader then counted the
 * follower as holding entries it did not hold, so it could count it towards a commit majority.
 * It also walked the follower's next index back and forth between two values, and the follower
 * never caught up. This appender takes the match index from the request that succeeded instead.
 *
 * <p>The default appender sends a follower a new commit index only with the next append or
 * heartbeat, up to half the minimum election timeout later, and a read or write served by a
 * follower waited that long. Like Ratis' gRPC appender, this one sends an empty append as soon as
 * the follower can commit more than it last reported. Ratis wakes no appender when the leader
 * commits, so the appender listens to the leader's state machine, which applies each entry right
 * after its commit.
 */
final class FollowerAppender extends LogAppenderBase {

    private static final Logger LOG = LoggerFactory.getLogger(FollowerAppender.class);

    /** Failed sends between two warnings while a follower stays unreachable. */
    private static final int WARN_EVERY_FAILURES = 100;

    /** The commit index last announced by an empty append, so that each commit is announced once. */
    private long announcedCommit = RaftLog.INVALID_LOG_INDEX;
    private int consecutiveFailures;
    private final Runnable wakeOnApply = this::notifyLogAppender;
    /** Guards {@link #wakeRequested}. */
    private final Object wakeLock = new Object();
    /** A wake-up not yet consumed, so that one sent while the loop checks its work is not lost. */
    private boolean wakeRequested;
    /** The next call id at the last heartbeat trigger, as {@link #triggerHeartbeat()} explains. */
    private volatile long triggerCallIdFloor = CallId.get();

    FollowerAppender(RaftServer.Division server, LeaderState leaderState, FollowerInfo follower) {
        super(server, leaderState, follower);
    }

    @Override
    public void start() {
        if (getServer().getStateMachine() instanceof RegistryStateMachine registry) {
            registry.addApplyListener(wakeOnApply);
        }
        super.start();
    }

    @Override
    public CompletableFuture<LifeCycle.State> stopAsync() {
        if (getServer().getStateMachine() instanceof RegistryStateMachine registry) {
            registry.removeApplyListener(wakeOnApply);
        }
        return super.stopAsync();
    }

    /**
     * Records the first call id a heartbeat sent for this trigger can carry. Ratis triggers the
     * heartbeat for a read index first and reads that floor from {@link #getCallId()} afterwards. By
     * then this appender may already have sent the heartbeat, and the read would wait for the
     * next regular one.
     */
    @Override
    public void triggerHeartbeat() {
        triggerCallIdFloor = CallId.get();
        super.triggerHeartbeat();
    }

    /** Returns the call id from which replies count for the read index that last triggered a heartbeat. */
    @Override
    public long getCallId() {
        return triggerCallIdFloor;
    }

    @Override
    public Comparator<Long> getCallIdComparator() {
        return CallId.getComparator();
    }

    @Override
    public void run() throws InterruptedException, IOException {
        while (isRunning()) {
            if (shouldSendAppendEntries() || commitToAnnounce() > announcedCommit) {
                SnapshotInfo snapshot = shouldInstallSnapshot();
                if (snapshot != null) {
                    installSnapshot(snapshot);
                } else {
                    appendEntries();
                }
            }

            if (isRunning() && !hasAppendEntries() && commitToAnnounce() <= announcedCommit) {
                awaitWake(getHeartbeatWaitTimeMs());
            }
            getLeaderState().checkHealth(getFollower());
        }
    }

    /**
     * Wakes the loop: new entries, a heartbeat trigger or a commit. Unlike Ratis' signal, a wake-up
     * sent before the loop waits is kept for that wait.
     */
    @Override
    public void notifyLogAppender() {
        synchronized (wakeLock) {
            wakeRequested = true;
            wakeLock.notifyAll();
        }
    }

    private void awaitWake(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (wakeLock) {
            long remaining = deadline - System.nanoTime();
            while (!wakeRequested && remaining > 0) {
                TimeUnit.NANOSECONDS.timedWait(wakeLock, remaining);
                remaining = deadline - System.nanoTime();
            }
            wakeRequested = false;
        }
    }

    /**
     * Returns the commit index the follower could reach but has not reported: the leader's commit
     * index, capped at what the follower is known to hold, or an invalid index when there is none.
     */
    private long commitToAnnounce() {
        long reachable = Math.min(getRaftLog().getLastCommittedIndex(), getFollower().getMatchIndex());
        return reachable > getFollower().getCommitIndex() ? reachable : RaftLog.INVALID_LOG_INDEX;
    }

    private void appendEntries() throws InterruptedException, InterruptedIOException, RaftLogIOException {
        long commit = commitToAnnounce();
        boolean announceOnly = !hasAppendEntries() && commit > announcedCommit;
        boolean heartbeat = announceOnly || getHeartbeatWaitTimeMs() <= 0;
        // A read index waits for a reply to a call id taken after it started, and triggers a
        // heartbeat for it. The trigger is cleared before this request takes its call id, so a
        // trigger that comes later is kept and sends another heartbeat.
        resetHeartbeatTrigger();
        AppendEntriesRequestProto request = newAppendEntriesRequest(CallId.getAndIncrement(), heartbeat);
        if (request == null) {
            return;
        }
        if (announceOnly) {
            announcedCommit = commit;
        }

        AppendEntriesReplyProto reply = send(request);
        if (reply != null) {
            onReply(request, reply);
        }
    }

    /** Sends one request and returns the reply, or null after a failure that the next loop retries. */
    private AppendEntriesReplyProto send(AppendEntriesRequestProto request) throws InterruptedException, InterruptedIOException {
        Timestamp sentAt = Timestamp.currentTime();
        getFollower().updateLastRpcSendTime(request.getEntriesCount() == 0);
        try {
            AppendEntriesReplyProto reply = getServerRpc().appendEntries(request);
            getFollower().updateLastRpcResponseTime();
            getFollower().updateLastRespondedAppendEntriesSendTime(sentAt);
            getLeaderState().onFollowerCommitIndex(getFollower(), reply.getFollowerCommit());
            if (consecutiveFailures > 0) {
                LOG.info("{}: follower reachable again after {} failed appends", this, consecutiveFailures);
                consecutiveFailures = 0;
            }
            return reply;
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            onFailure("append", e);
            return null;
        }
    }

    private void onReply(AppendEntriesRequestProto request, AppendEntriesReplyProto reply) {
        switch (reply.getResult()) {
            case SUCCESS -> onSuccess(request);
            case NOT_LEADER -> onFollowerTerm(reply.getTerm());
            case INCONSISTENCY -> getFollower().setNextIndex(getNextIndexForInconsistency(firstIndex(request), reply.getNextIndex()));
            default -> LOG.warn("{}: unexpected append result {}", this, reply.getResult());
        }
        getLeaderState().onAppendEntriesReply(this, reply);
    }

    /**
     * Records what a successful request proved the follower holds: everything up to its last
     * entry, or up to its previous entry when it carried none. The reply's next index is not used,
     * because it can count entries of an older term that the follower has not yet replaced.
     */
    private void onSuccess(AppendEntriesRequestProto request) {
        long matched = lastIndex(request);
        if (matched == RaftLog.INVALID_LOG_INDEX) {
            return;
        }
        getFollower().updateNextIndex(matched + 1);
        if (getFollower().updateMatchIndex(matched)) {
            getLeaderState().onFollowerSuccessAppendEntries(getFollower());
        }
    }

    static long lastIndex(AppendEntriesRequestProto request) {
        int entries = request.getEntriesCount();
        if (entries > 0) {
            return request.getEntries(entries - 1).getIndex();
        }
        return request.hasPreviousLog() ? request.getPreviousLog().getIndex() : RaftLog.INVALID_LOG_INDEX;
    }

    private static long firstIndex(AppendEntriesRequestProto request) {
        return request.getEntriesCount() > 0 ? request.getEntries(0).getIndex() : RaftLog.INVALID_LOG_INDEX;
    }

    private void installSnapshot(SnapshotInfo snapshot) throws InterruptedException, InterruptedIOException {
        LOG.info("{}: follower next index {} is before the log start {}, sending snapshot {}",
                this, getFollower().getNextIndex(), getRaftLog().getStartIndex(), snapshot.getTermIndex());
        InstallSnapshotReplyProto reply = null;
        try {
            for (InstallSnapshotRequestProto request : newInstallSnapshotRequests(UUID.randomUUID().toString(), snapshot)) {
                getFollower().updateLastRpcSendTime(false);
                reply = getServerRpc().installSnapshot(request);
                getFollower().updateLastRpcResponseTime();
                if (!reply.getServerReply().getSuccess()) {
                    break;
                }
            }
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            onFailure("snapshot install", e);
            return;
        }
        if (reply == null) {
            return;
        }

        if (reply.getServerReply().getSuccess()) {
            getFollower().setSnapshotIndex(snapshot.getTermIndex().getIndex());
            LOG.info("{}: follower installed snapshot {}", this, snapshot.getTermIndex());
        }
        switch (reply.getResult()) {
            case NOT_LEADER -> onFollowerTerm(reply.getTerm());
            case SUCCESS, SNAPSHOT_UNAVAILABLE, ALREADY_INSTALLED -> getFollower().setAttemptedToInstallSnapshot();
            default -> LOG.debug("{}: snapshot install result {}", this, reply.getResult());
        }
    }

    /** Drops the connection so the next attempt opens a new one, and waits before that attempt. */
    private void onFailure(String operation, IOException e) throws InterruptedException {
        consecutiveFailures++;
        if (consecutiveFailures == 1 || consecutiveFailures % WARN_EVERY_FAILURES == 0) {
            LOG.warn("{}: {} failed ({} in a row): {}", this, operation, consecutiveFailures, e.toString());
        } else {
            LOG.debug("{}: {} failed ({} in a row)", this, operation, consecutiveFailures, e);
        }
        getServerRpc().handleException(getFollowerId(), e, false);
        if (isRunning()) {
            getServer().properties().rpcSleepTime().sleep();
        }
    }
}
