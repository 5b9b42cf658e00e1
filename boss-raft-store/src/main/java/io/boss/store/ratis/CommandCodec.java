package io.boss.store.ratis;

import io.boss.store.KeyValue;
import io.boss.store.Operation;
import io.boss.store.StoreException;
import io.boss.store.WriteResult;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * Binary encoding of the registry's Raft log entries and replies.
 *
 * <p>Every message starts with a format version byte, so a replica rejects an entry written by a
 * newer format instead of misreading it. Strings are length-prefixed UTF-8 and values are
 * length-prefixed bytes. The encoding must stay stable: old log entries and snapshots are decoded
 * after an upgrade.
 */
final class CommandCodec {

    static final byte FORMAT_VERSION = 1;

    private static final byte OP_CREATE = 1;
    private static final byte OP_UPDATE = 2;
    private static final byte OP_DELETE = 3;

    private static final byte REPLY_OK = 0;
    private static final byte REPLY_FAILED = 1;

    private CommandCodec() {
    }

    /**
     * Encodes independent batches as the data of one log entry. Each batch is applied atomically
     * at its own revision; proposing several in one entry shares one log write among them.
     */
    public static ByteString encodeProposal(List<List<Operation>> batches) {
        int size = 16;
        for (List<Operation> batch : batches) {
            size += estimateSize(batch);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeInt(batches.size());
            for (List<Operation> batch : batches) {
                out.writeInt(batch.size());
                for (Operation operation : batch) {
                    writeOperation(out, operation);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("in-memory encoding failed", e);
        }
        return ByteString.copyFrom(bytes.toByteArray());
    }

    /** Decodes a proposal; throws {@link IOException} on a truncated entry or an unknown version. */
    public static List<List<Operation>> decodeProposal(ByteString data) throws IOException {
        try (DataInputStream in = new DataInputStream(data.newInput())) {
            checkVersion(in);
            int batchCount = readCount(in, "batch");
            List<List<Operation>> batches = new ArrayList<>(batchCount);
            for (int b = 0; b < batchCount; b++) {
                int count = readCount(in, "operation");
                List<Operation> operations = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    operations.add(readOperation(in));
                }
                batches.add(operations);
            }
            if (in.available() > 0) {
                throw new IOException("proposal has " + in.available() + " trailing bytes");
            }
            return batches;
        }
    }

    /** Encodes the replies to the batches of one proposal, in proposal order. */
    public static ByteString encodeReplies(List<BatchReply> replies) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 32 * replies.size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT_VERSION);
            out.writeInt(replies.size());
            for (BatchReply reply : replies) {
                if (reply.failure() != null) {
                    writeFailure(out, reply.failure());
                } else {
                    writeResult(out, reply.result());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("in-memory encoding failed", e);
        }
        return ByteString.copyFrom(bytes.toByteArray());
    }

    /**
     * Decodes the replies to {@code batches}, filling put values from the operations because a
     * reply leaves them out.
     */
    public static List<BatchReply> decodeReplies(ByteString data, List<List<Operation>> batches) throws IOException {
        try (DataInputStream in = new DataInputStream(data.newInput())) {
            checkVersion(in);
            int count = readCount(in, "reply");
            if (count != batches.size()) {
                throw new IOException("proposal reply has " + count + " entries for " + batches.size() + " batches");
            }
            List<BatchReply> replies = new ArrayList<>(count);
            for (List<Operation> batch : batches) {
                replies.add(readReply(in, batch));
            }
            return replies;
        }
    }

    /**
     * Writes the reply to an applied batch. A put's value is left out because the proposer
     * already has it, which keeps replies small in the Ratis retry cache. A delete's removed
     * value is included.
     */
    private static void writeResult(DataOutputStream out, WriteResult result) throws IOException {
        out.writeByte(REPLY_OK);
        out.writeLong(result.revision());
        out.writeInt(result.entries().size());
        for (KeyValue entry : result.entries()) {
            out.writeLong(entry.createRevision());
            out.writeLong(entry.modRevision());
            boolean deleted = entry.modRevision() != result.revision();
            out.writeBoolean(deleted);
            if (deleted) {
                writeBytes(out, entry.value());
            }
        }
    }

    private static void writeFailure(DataOutputStream out, StoreException failure) throws IOException {
        out.writeByte(REPLY_FAILED);
        out.writeUTF(failure.reason().name());
        out.writeBoolean(failure.key() != null);
        if (failure.key() != null) {
            out.writeUTF(failure.key());
        }
        out.writeUTF(String.valueOf(failure.getMessage()));
    }

    private static BatchReply readReply(DataInputStream in, List<Operation> operations) throws IOException {
        byte status = in.readByte();
        if (status == REPLY_FAILED) {
            StoreException.Reason reason = StoreException.Reason.valueOf(in.readUTF());
            String key = in.readBoolean() ? in.readUTF() : null;
            return new BatchReply(null, new StoreException(reason, key, in.readUTF()));
        }
        if (status != REPLY_OK) {
            throw new IOException("unknown reply status " + status);
        }
        long revision = in.readLong();
        int count = in.readInt();
        if (count != operations.size()) {
            throw new IOException("reply has " + count + " entries for " + operations.size() + " operations");
        }
        List<KeyValue> entries = new ArrayList<>(count);
        for (Operation operation : operations) {
            long createRevision = in.readLong();
            long modRevision = in.readLong();
            byte[] value = in.readBoolean() ? readBytes(in) : putValue(operation);
            entries.add(new KeyValue(operation.key(), value, createRevision, modRevision));
        }
        return new BatchReply(new WriteResult(revision, entries), null);
    }

    private static byte[] putValue(Operation operation) throws IOException {
        if (operation instanceof Operation.Create create) {
            return create.value();
        }
        if (operation instanceof Operation.Update update) {
            return update.value();
        }
        throw new IOException("reply to a delete of " + operation.key() + " is missing the removed value");
    }

    /** Encodes the revision a read barrier returns. */
    public static ByteString encodeRevision(long revision) {
        return ByteString.copyFrom(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(revision).flip());
    }

    public static long decodeRevision(ByteString data) throws IOException {
        if (data.size() != Long.BYTES) {
            throw new IOException("a read barrier reply has " + data.size() + " bytes, expected " + Long.BYTES);
        }
        return data.asReadOnlyByteBuffer().getLong();
    }

    static void writeKeyValue(DataOutputStream out, KeyValue entry) throws IOException {
        out.writeUTF(entry.key());
        out.writeLong(entry.createRevision());
        out.writeLong(entry.modRevision());
        writeBytes(out, entry.value());
    }

    static KeyValue readKeyValue(DataInputStream in) throws IOException {
        String key = in.readUTF();
        long createRevision = in.readLong();
        long modRevision = in.readLong();
        return new KeyValue(key, readBytes(in), createRevision, modRevision);
    }

    private static void writeOperation(DataOutputStream out, Operation operation) throws IOException {
        if (operation instanceof Operation.Create create) {
            out.writeByte(OP_CREATE);
            out.writeUTF(create.key());
            writeBytes(out, create.value());
        } else if (operation instanceof Operation.Update update) {
            out.writeByte(OP_UPDATE);
            out.writeUTF(update.key());
            out.writeLong(update.expectedRevision());
            writeBytes(out, update.value());
        } else if (operation instanceof Operation.Delete delete) {
            out.writeByte(OP_DELETE);
            out.writeUTF(delete.key());
            out.writeLong(delete.expectedRevision());
        } else {
            throw new IllegalArgumentException("unknown operation " + operation);
        }
    }

    private static Operation readOperation(DataInputStream in) throws IOException {
        byte type = in.readByte();
        return switch (type) {
            case OP_CREATE -> new Operation.Create(in.readUTF(), readBytes(in));
            case OP_UPDATE -> {
                String key = in.readUTF();
                long expected = in.readLong();
                yield new Operation.Update(key, readBytes(in), expected);
            }
            case OP_DELETE -> new Operation.Delete(in.readUTF(), in.readLong());
            default -> throw new IOException("unknown operation type " + type);
        };
    }

    private static int readCount(DataInputStream in, String what) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("invalid " + what + " count " + count);
        }
        return count;
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("invalid value length " + length);
        }
        byte[] value = new byte[length];
        in.readFully(value);
        return value;
    }

    private static void checkVersion(InputStream in) throws IOException {
        int version = in.read();
        if (version != FORMAT_VERSION) {
            throw new IOException("unsupported registry entry format version " + version + ", expected " + FORMAT_VERSION);
        }
    }

    private static int estimateSize(List<Operation> operations) {
        int size = 0;
        for (Operation operation : operations) {
            size += 32 + operation.key().length();
            if (operation instanceof Operation.Create create) {
                size += create.value().length;
            } else if (operation instanceof Operation.Update update) {
                size += update.value().length;
            }
        }
        return size;
    }
}
