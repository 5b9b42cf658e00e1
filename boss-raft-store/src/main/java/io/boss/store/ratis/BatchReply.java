package io.boss.store.ratis;

import io.boss.store.StoreException;
import io.boss.store.WriteResult;

/** Outcome of one batch of a proposal: its result, or the precondition that failed. */
record BatchReply(WriteResult result, StoreException failure) {
}
