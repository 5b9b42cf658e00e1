package io.boss.store.ratis;

import io.boss.store.ReplicaInfo;
import io.boss.store.ReplicaRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

/**
 * Builds the group view of {@code Registry.replicas()} from a Ratis division.
 *
 * <p>Only the leader tracks its followers: it reports a follower it has not heard from for longer
 * than the maximum election timeout as {@code UNREACHABLE}. Other replicas report the known leader
 * and everyone else as {@code FOLLOWER}. Commit and applied indexes are known for this replica only.
 */
final class ReplicaView {

    private ReplicaView() {
    }

    static long unreachableAfterMillis() {
        return RatisProperties.ELECTION_TIMEOUT_MAX.toLong(java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    static List<ReplicaInfo> of(RaftServer.Division division, Map<String, String> peers, long unreachableAfterMillis) {
        DivisionInfo info = division.getInfo();
        String self = division.getId().toString();
        String leader = info.getLeaderId() == null ? null : info.getLeaderId().toString();
        Map<String, Long> silentMillis = info.isLeader() ? followerSilence(info.getRoleInfoProto()) : Map.of();

        List<ReplicaInfo> replicas = new ArrayList<>(peers.size());
        for (Map.Entry<String, String> peer : peers.entrySet()) {
            String id = peer.getKey();
            if (id.equals(self)) {
                replicas.add(new ReplicaInfo(id, peer.getValue(), ownRole(info),
                        division.getRaftLog().getLastCommittedIndex(), info.getLastAppliedIndex()));
                continue;
            }
            ReplicaRole role = id.equals(leader) ? ReplicaRole.LEADER : ReplicaRole.FOLLOWER;
            Long silent = silentMillis.get(id);
            if (info.isLeader() && (silent == null || silent > unreachableAfterMillis)) {
                role = ReplicaRole.UNREACHABLE;
            }
            replicas.add(new ReplicaInfo(id, peer.getValue(), role, -1, -1));
        }
        return replicas;
    }

    private static ReplicaRole ownRole(DivisionInfo info) {
        if (info.isLeader()) {
            return ReplicaRole.LEADER;
        }
        return info.isCandidate() ? ReplicaRole.CANDIDATE : ReplicaRole.FOLLOWER;
    }

    private static Map<String, Long> followerSilence(RoleInfoProto roleInfo) {
        Map<String, Long> silence = new HashMap<>();
        if (roleInfo.hasLeaderInfo()) {
            for (ServerRpcProto follower : roleInfo.getLeaderInfo().getFollowerInfoList()) {
                silence.put(follower.getId().getId().toStringUtf8(), follower.getLastRpcElapsedTimeMs());
            }
        }
        return silence;
    }
}
