package io.boss.server.cluster;

import io.boss.api.model.ClusterView;
import io.boss.api.model.ReplicaView;
import io.boss.server.config.PeerConfig;
import io.boss.store.Registry;
import io.boss.store.ReplicaInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Builds the cluster view of {@code GET /api/v1/cluster} from the store's view of the Raft group. */
public final class ClusterViews {

    private final Registry store;
    private final Map<String, PeerConfig> peers;

    public ClusterViews(Registry store, List<PeerConfig> peers) {
        this.store = store;
        this.peers = peers.stream().collect(Collectors.toMap(PeerConfig::getId, Function.identity()));
    }

    /** Returns the group as this replica reports it now; indexes are -1 where this replica cannot know them. */
    public ClusterView current() {
        ClusterView view = new ClusterView();
        view.setLeaderId(store.leaderId());
        view.setTerm(store.currentTerm());

        List<ReplicaView> replicas = new ArrayList<>();
        for (ReplicaInfo info : store.replicas()) {
            ReplicaView replica = new ReplicaView();
            replica.setId(info.id());
            replica.setRole(info.role().name());
            replica.setRaftAddress(info.raftAddress());
            PeerConfig peer = peers.get(info.id());
            replica.setHttpAddress(peer == null ? null : peer.getHttpAddress());
            replica.setCommitIndex(info.commitIndex());
            replica.setAppliedIndex(info.appliedIndex());
            replicas.add(replica);
        }
        view.setReplicas(replicas);
        return view;
    }
}
