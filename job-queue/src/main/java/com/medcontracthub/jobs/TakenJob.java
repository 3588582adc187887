package com.medcontracthub.jobs;

import io.vertx.redis.client.Response;

/**
 * A job a worker took for one attempt, as the advance script hands it over; its token proves the attempt is its own,
 * and its checkpoint (JSON, or null) is where an earlier attempt left the work.
 */
public record TakenJob(String queue, String id, String type, String data, int attempt, int maxAttempts, long backoffMs,
    long dueAt, long startedAt, String token, String tenant, String user, String checkpoint) {

  static TakenJob from(String queue, Response r) {
    return new TakenJob(queue, r.get(0).toString(), r.get(1).toString(), r.get(2).toString(), r.get(3).toInteger(),
        Integer.parseInt(r.get(4).toString()), Long.parseLong(r.get(5).toString()), Long.parseLong(r.get(6).toString()),
        r.get(7).toLong(), r.get(8).toString(), blankToNull(r.get(9).toString()), blankToNull(r.get(10).toString()),
        blankToNull(r.get(11).toString()));
  }

  private static String blankToNull(String text) {
    return text.isEmpty() ? null : text;
  }
}
