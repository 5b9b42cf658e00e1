package io.boss.store.ratis;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

/**
 * The check that this replica leads and heard from a majority of the group within
 * {@link #RECENT}, which a linearizable read needs before the leader serves it.
 *
 * <p>Ratis 3.2 completes a read-index request without a heartbeat round when its commit index has
 * not moved since a majority last acknowledged a round. A leader cut off from the others would
 * then serve reads from its old state until it steps down, up to the maximum election timeout
 * (2 s) later. A new leader can accept writes after the minimum one (1 s). A follower
 * grants no vote within the minimum election timeout after it last heard from its leader, so a
 * leader that a majority replied to within 900 ms is still the only leader.
 *
 * <p>NOTE: Ratis reports when a follower's last reply arrived, not when the request it answered
 * was sent. A reply that was delayed in the network for most of a second would make the check
 * pass for too long; on loopback and LAN links that delay is far below the margin.
 */
final class LeaderContact {

    /** Nine tenths of the minimum election timeout, the same margin as Ratis' own leader lease. */
    static final Duration RECENT = Duration.ofMillis(
            RatisProperties.ELECTION_TIMEOUT_MIN.toLong(TimeUnit.MILLISECONDS) * 9 / 10);

    private final Supplier<RaftServer.Division> division;

    LeaderContact(Supplier<RaftServer.Division> division) {
        this.division = division;
    }

    /** Returns true when this replica leads and a majority, itself included, was in contact within {@link #RECENT}. */
    boolean confirmed() {
        RaftServer.Division current = division.get();
        DivisionInfo info = current.getInfo();
        if (!info.isLeader()) {
            return false;
        }

        RoleInfoProto role = info.getRoleInfoProto();
        int inContact = 1;
        if (role.hasLeaderInfo()) {
            for (ServerRpcProto follower : role.getLeaderInfo().getFollowerInfoList()) {
                if (follower.getLastRpcElapsedTimeMs() < RECENT.toMillis()) {
                    inContact++;
                }
            }
        }
        return inContact > current.getGroup().getPeers().size() / 2;
    }
}
