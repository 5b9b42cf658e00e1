package io.boss.store.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.TermIndexProto;
import org.apache.ratis.server.raftlog.RaftLog;
import org.junit.jupiter.api.Test;

/**
 * The index a successful append proves the follower holds. A follower replies to an empty append
 * with the end of its own log, which may hold entries of an older term, so the proof must come
 * from the request.
 */
class FollowerAppenderTest {

    @Test
    void emptyAppendProvesPreviousEntry() {
        AppendEntriesRequestProto heartbeat = AppendEntriesRequestProto.newBuilder()
                .setPreviousLog(TermIndexProto.newBuilder().setTerm(1).setIndex(7))
                .build();

        assertEquals(7, FollowerAppender.lastIndex(heartbeat));
    }

    @Test
    void appendWithEntriesProvesLastEntry() {
        AppendEntriesRequestProto append = AppendEntriesRequestProto.newBuilder()
                .setPreviousLog(TermIndexProto.newBuilder().setTerm(1).setIndex(7))
                .addEntries(LogEntryProto.newBuilder().setTerm(2).setIndex(8))
                .addEntries(LogEntryProto.newBuilder().setTerm(2).setIndex(9))
                .build();

        assertEquals(9, FollowerAppender.lastIndex(append));
    }

    @Test
    void emptyAppendWithoutPreviousProvesNothing() {
        AppendEntriesRequestProto first = AppendEntriesRequestProto.newBuilder().build();

        assertEquals(RaftLog.INVALID_LOG_INDEX, FollowerAppender.lastIndex(first));
    }
}
