package io.boss.store.ratis;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/** Builds the Ratis server and client properties of one replica from its {@link RegistryConfig}. */
final class RatisProperties {

    /** Election timeouts: wide enough that a GC pause or a busy 2-core host does not cause elections. */
    static final TimeDuration ELECTION_TIMEOUT_MIN = TimeDuration.valueOf(1000, TimeUnit.MILLISECONDS);
    static final TimeDuration ELECTION_TIMEOUT_MAX = TimeDuration.valueOf(2000, TimeUnit.MILLISECONDS);

    private RatisProperties() {
    }

    static RaftProperties server(RegistryConfig config) {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, new ReplicationRpcType());
        // Without a host, Ratis binds every interface. A replica listens only on the address its
        // peers are configured to reach it at.
        NettyConfigKeys.Server.setHost(properties, config.raftHost());
        NettyConfigKeys.Server.setPort(properties, config.raftPort());
        RaftServerConfigKeys.setStorageDir(properties, List.of(config.dataDirectory().toFile()));
        RaftServerConfigKeys.Rpc.setTimeoutMin(properties, ELECTION_TIMEOUT_MIN);
        RaftServerConfigKeys.Rpc.setTimeoutMax(properties, ELECTION_TIMEOUT_MAX);

        // Linearizable reads use the read index. The leader lease stays off: a leader paused past
        // its lease (SIGSTOP, a long GC) could otherwise serve a stale read after it resumes.
        RaftServerConfigKeys.Read.setOption(properties, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(properties, false);
        RaftServerConfigKeys.Read.setTimeout(properties, timeout(config));

        long purgeGap = Math.max(1, Math.min(config.snapshotThreshold(), 1024));
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, config.snapshotThreshold());
        RaftServerConfigKeys.Snapshot.setCreationGap(properties, purgeGap);
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
        RaftServerConfigKeys.Log.setPurgeGap(properties, (int) purgeGap);
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(properties, true);

        // Ratis waits at least 10 ms by default between two append requests to a follower, which
        // delays each commit. Entries queued during a request still leave together in the next one.
        RaftServerConfigKeys.Log.Appender.setWaitTimeMin(properties, TimeDuration.ZERO);
        // Ratis would log the commit index as an extra entry after each commit, doubling log writes.
        // Without it a restarted replica learns the commit index from the leader instead, and
        // FollowerAppender sends followers each new commit index without a log entry.
        RaftServerConfigKeys.Log.setLogMetadataEnabled(properties, false);

        // Closed segments are cached in memory; two small ones bound that cache for a small heap.
        SizeInBytes segment = SizeInBytes.valueOf(config.logSegmentBytes());
        RaftServerConfigKeys.Log.setSegmentSizeMax(properties, segment);
        RaftServerConfigKeys.Log.setPreallocatedSize(properties, SizeInBytes.valueOf(Math.min(config.logSegmentBytes(), 4L << 20)));
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(properties, 2);
        RaftServerConfigKeys.Log.setSegmentCacheSizeMax(properties, SizeInBytes.valueOf(Math.max(2 * config.logSegmentBytes(), 1L << 20)));

        // Replies stay cached for client retries; the client gives up after the request timeout.
        RaftServerConfigKeys.RetryCache.setExpiryTime(properties, TimeDuration.valueOf(3 * config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS));
        return properties;
    }

    static RaftProperties client(RegistryConfig config) {
        RaftProperties properties = new RaftProperties();
        RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.NETTY);
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, attemptTimeout(config));
        RaftClientConfigKeys.Async.setOutstandingRequestsMax(properties, 1024);
        return properties;
    }

    /**
     * Returns how long one attempt of a client request waits before Ratis sends it again, to the
     * leader it has learned of by then. Ratis' Netty client does not fail a request when its connection drops,
     * so a write sent to a leader that just died waits out this attempt. A third of the request
     * timeout, at least 1 s, lets the write reach the new leader soon after the election while the
     * caller's whole request timeout still applies. Ratis keeps a repeated attempt from applying
     * twice through its retry cache, which the retry cache expiry above sizes for.
     */
    static TimeDuration attemptTimeout(RegistryConfig config) {
        long millis = Math.max(1000, config.requestTimeout().toMillis() / 3);
        return TimeDuration.valueOf(millis, TimeUnit.MILLISECONDS);
    }

    private static TimeDuration timeout(RegistryConfig config) {
        return TimeDuration.valueOf(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
