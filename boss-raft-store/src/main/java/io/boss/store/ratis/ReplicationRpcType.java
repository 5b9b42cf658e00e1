package io.boss.store.ratis;

import org.apache.ratis.conf.Parameters;
import org.apache.ratis.netty.NettyFactory;
import org.apache.ratis.rpc.RpcFactory;
import org.apache.ratis.rpc.RpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.leader.FollowerInfo;
import org.apache.ratis.server.leader.LeaderState;
import org.apache.ratis.server.leader.LogAppender;

/**
 * The Ratis RPC type of a replica's server: Ratis' Netty transport with {@link FollowerAppender}
 * as the leader's log appender. Ratis loads a custom RPC type by its class name, so this class
 * needs a public no-argument constructor.
 */
public final class ReplicationRpcType implements RpcType {

    @Override
    public String name() {
        return ReplicationRpcType.class.getName();
    }

    @Override
    public RpcFactory newFactory(Parameters parameters) {
        return new Factory(parameters);
    }

    private static final class Factory extends NettyFactory {
        Factory(Parameters parameters) {
            super(parameters);
        }

        @Override
        public LogAppender newLogAppender(RaftServer.Division server, LeaderState state, FollowerInfo follower) {
            return new FollowerAppender(server, state, follower);
        }
    }
}
