package io.boss.store.ratis;

import io.boss.store.Operation;
import io.boss.store.StoreException;
import io.boss.store.WriteResult;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;

/**
 * Groups concurrent writes of one replica into shared log entries (group commit).
 *
 * <p>The Netty transport of Ratis 3.2 serves the requests of one client connection one at a time,
 * so sending each write on its own would serialize them behind one another's disk syncs. Instead,
 * each sender (one Ratis client) has at most one proposal outstanding: with two outstanding on
 * one Ratis 3.2 Netty client, replies were matched to the wrong requests in testing. Writes that
 * arrive while every sender is busy queue and leave together in the next proposal, up to
 * {@value #MAX_PROPOSAL_BYTES} bytes. Every batch still applies atomically at its own revision.
 */
final class ProposalBatcher {

    static final int MAX_PROPOSAL_BYTES = 4 << 20;

    /** A queued batch and the future of its caller. */
    private record Pending(List<Operation> batch, int bytes, CompletableFuture<WriteResult> result) {
    }

    private final List<Function<Message, CompletableFuture<RaftClientReply>>> senders;
    private final Function<Throwable, StoreException> classifier;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final ArrayDeque<Integer> idleSenders = new ArrayDeque<>();

    /**
     * @param senders    each sends one proposal to the group and completes with the leader's reply
     * @param classifier maps a failed send or an error reply to the exception callers get
     */
    ProposalBatcher(List<Function<Message, CompletableFuture<RaftClientReply>>> senders, Function<Throwable, StoreException> classifier) {
        this.senders = List.copyOf(senders);
        this.classifier = classifier;
        for (int i = 0; i < senders.size(); i++) {
            idleSenders.add(i);
        }
    }

    /** Queues {@code batch} and returns its result once the leader applied it. */
    CompletableFuture<WriteResult> submit(List<Operation> batch) {
        CompletableFuture<WriteResult> result = new CompletableFuture<>();
        synchronized (this) {
            queue.addLast(new Pending(batch, sizeOf(batch), result));
        }
        sendNext();
        return result;
    }

    private void sendNext() {
        List<Pending> proposal = new ArrayList<>();
        int sender;
        synchronized (this) {
            if (idleSenders.isEmpty() || queue.isEmpty()) {
                return;
            }
            sender = idleSenders.pollFirst();
            int bytes = 0;
            while (!queue.isEmpty() && (proposal.isEmpty() || bytes + queue.peekFirst().bytes() <= MAX_PROPOSAL_BYTES)) {
                Pending next = queue.pollFirst();
                bytes += next.bytes();
                proposal.add(next);
            }
        }

        List<List<Operation>> batches = proposal.stream().map(Pending::batch).toList();
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = senders.get(sender).apply(Message.valueOf(CommandCodec.encodeProposal(batches)));
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((response, failure) -> {
            synchronized (this) {
                idleSenders.addLast(sender);
            }
            complete(proposal, batches, response, failure);
            sendNext();
        });
    }

    private void complete(List<Pending> proposal, List<List<Operation>> batches, RaftClientReply response, Throwable failure) {
        List<BatchReply> replies;
        try {
            if (failure != null) {
                throw classifier.apply(failure);
            }
            if (!response.isSuccess()) {
                throw classifier.apply(response.getException());
            }
            replies = CommandCodec.decodeReplies(response.getMessage().getContent(), batches);
        } catch (StoreException e) {
            proposal.forEach(pending -> pending.result().completeExceptionally(e));
            return;
        } catch (IOException e) {
            StoreException decoding = new StoreException(StoreException.Reason.INTERNAL, null,
                    "could not decode a write reply: " + e.getMessage(), e);
            proposal.forEach(pending -> pending.result().completeExceptionally(decoding));
            return;
        }
        for (int i = 0; i < proposal.size(); i++) {
            BatchReply reply = replies.get(i);
            if (reply.failure() != null) {
                proposal.get(i).result().completeExceptionally(reply.failure());
            } else {
                proposal.get(i).result().complete(reply.result());
            }
        }
    }

    private static int sizeOf(List<Operation> batch) {
        int bytes = 0;
        for (Operation operation : batch) {
            bytes += 32 + operation.key().length();
            if (operation instanceof Operation.Create create) {
                bytes += create.value().length;
            } else if (operation instanceof Operation.Update update) {
                bytes += update.value().length;
            }
        }
        return bytes;
    }
}
