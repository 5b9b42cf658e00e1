package io.boss.store.ratis;

import static io.boss.store.ratis.TestCluster.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.boss.store.KeyValue;
import io.boss.store.Operation;
import io.boss.store.StoreException;
import io.boss.store.WriteResult;
import java.io.IOException;
import java.util.List;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class CommandCodecTest {

    @Test
    void proposalRoundTripKeepsEveryOperation() throws IOException {
        List<List<Operation>> batches = List.of(
                List.of(new Operation.Create("/a", bytes("1")), new Operation.Delete("/b", 7)),
                List.of(new Operation.Update("/c", bytes("3"), 9)));

        List<List<Operation>> decoded = CommandCodec.decodeProposal(CommandCodec.encodeProposal(batches));

        assertEquals(2, decoded.size());
        Operation.Create create = (Operation.Create) decoded.get(0).get(0);
        assertEquals("/a", create.key());
        assertArrayEquals(bytes("1"), create.value());
        assertEquals(new Operation.Delete("/b", 7), decoded.get(0).get(1));
        Operation.Update update = (Operation.Update) decoded.get(1).get(0);
        assertEquals(9, update.expectedRevision());
        assertArrayEquals(bytes("3"), update.value());
    }

    @Test
    void repliesRoundTripFillPutValuesFromOperations() throws IOException {
        List<Operation> put = List.of(new Operation.Create("/a", bytes("new")));
        List<Operation> delete = List.of(new Operation.Delete("/b", 0));
        WriteResult putResult = new WriteResult(5, List.of(new KeyValue("/a", bytes("new"), 5, 5)));
        WriteResult deleteResult = new WriteResult(6, List.of(new KeyValue("/b", bytes("old"), 2, 4)));
        StoreException conflict = new StoreException(StoreException.Reason.REVISION_MISMATCH, "/c", "stale");

        ByteString encoded = CommandCodec.encodeReplies(List.of(
                new BatchReply(putResult, null), new BatchReply(deleteResult, null), new BatchReply(null, conflict)));
        List<BatchReply> decoded = CommandCodec.decodeReplies(encoded, List.of(put, delete, List.of(new Operation.Delete("/c", 1))));

        assertEquals(putResult, decoded.get(0).result());
        assertEquals(deleteResult, decoded.get(1).result());
        assertEquals(StoreException.Reason.REVISION_MISMATCH, decoded.get(2).failure().reason());
        assertEquals("/c", decoded.get(2).failure().key());
    }

    @Test
    void entryOfUnknownVersionIsRejected() {
        ByteString encoded = CommandCodec.encodeProposal(List.of(List.of(new Operation.Delete("/a", 0))));
        byte[] bytes = encoded.toByteArray();
        bytes[0] = 99;

        IOException failure = assertThrows(IOException.class, () -> CommandCodec.decodeProposal(ByteString.copyFrom(bytes)));

        assertEquals("unsupported registry entry format version 99, expected 1", failure.getMessage());
    }

    @Test
    void truncatedEntryIsRejected() {
        ByteString encoded = CommandCodec.encodeProposal(List.of(List.of(new Operation.Create("/a", bytes("value")))));

        assertThrows(IOException.class, () -> CommandCodec.decodeProposal(encoded.substring(0, encoded.size() - 2)));
    }
}
