package com.medcontracthub.ai.ingest;

/**
 * The opportunities service answered with something that is not a notice the index can take: delivered again, its
 * event would fail again and hold its partition back, so it is logged and passed over.
 */
public final class UnreadableNotice extends RuntimeException {

  UnreadableNotice(String noticeId, RuntimeException cause) {
    super("notice " + noticeId + " cannot be indexed: " + cause.getMessage(), cause);
  }
}
