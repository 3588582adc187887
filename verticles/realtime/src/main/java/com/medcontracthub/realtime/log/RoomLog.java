package com.medcontracthub.realtime.log;

import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.Json;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What was pushed to each realtime room in the last {@code realtime.recovery-seconds}, in Redis streams that every
 * JVM shares, so a client that reconnects to any JVM gets what it missed. A push is appended first (its stream id is
 * its {@code seq}), then published on the room's event-bus address as the encoded JSON body with a {@value #SEQ}
 * header, and a {@value #PREV} header naming the push logged just before it (none when the room's log was empty):
 * pushes published by different JVMs can arrive out of the log's order, and the bridge puts them back in it. Every
 * bridge decodes nothing and encodes the frame once per transport.
 */
public final class RoomLog {

  public static final String SEQ = "seq";
  public static final String PREV = "prev";
  /** A seq before any push: where a registration starts when the room's log is empty. */
  public static final String BEFORE_FIRST = "0-0";
  /** The log's order of seqs ({@code <ms>-<n>}, each part compared as a number). */
  public static final Comparator<String> ORDER = Comparator.<String>comparingLong(RoomLog::millisOf)
      .thenComparingLong(seq -> Long.parseLong(seq.substring(seq.indexOf('-') + 1)));
  /** Entries handed to one reconnecting client at most; older ones are reported as a gap. */
  public static final int MAX_REPLAY = 1_000;

  /**
   * KEYS: stream, dedupe key; ARGV: body, window seconds, dedupe key or '', oldest id to keep. Answers the new entry's
   * id and the id of the entry before it, if any.
   */
  private static final RedisScript APPEND = new RedisScript("""
      if ARGV[3] ~= '' then
        if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[2]) then return false end
      end
      local before = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
      local id = redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[4], '*', 'b', ARGV[1])
      redis.call('EXPIRE', KEYS[1], ARGV[2])
      if before[1] then return {id, before[1][1]} end
      return {id}
      """);

  /** One logged push. */
  public record Entry(String seq, String body) {
  }

  private final Vertx vertx;
  private final RedisLine redis;
  private final int windowSeconds;

  public RoomLog(Vertx vertx, RedisLine redis, int windowSeconds) {
    this.vertx = vertx;
    this.redis = redis;
    this.windowSeconds = windowSeconds;
  }

  /** @return the push's seq, or null when a push with the same dedupe key was made within the window */
  public Future<String> publish(String room, Object body, String dedupeKey) {
    String encoded = Json.encode(body);
    String minId = (System.currentTimeMillis() - windowSeconds * 1000L) + "-0";
    // both keys carry the room as a hash tag, so they stay together on a Redis cluster
    List<String> keys = List.of(stream(room), "mch:rt:dedupe:{" + room + "}:" + (dedupeKey == null ? "" : dedupeKey));
    return APPEND.run(redis, keys, List.of(encoded, windowSeconds, dedupeKey == null ? "" : dedupeKey, minId))
        .map(ids -> {
          if (ids == null) {
            return null;
          }
          DeliveryOptions headers = new DeliveryOptions().addHeader(SEQ, ids.get(0).toString());
          if (ids.size() > 1) {
            headers.addHeader(PREV, ids.get(1).toString());
          }
          vertx.eventBus().publish(room, encoded, headers);
          return ids.get(0).toString();
        });
  }

  /** The seq of the room's newest push; null when its log is empty. */
  public Future<String> newest(String room) {
    return redis.send(Request.cmd(Command.XREVRANGE).arg(stream(room)).arg("+").arg("-").arg("COUNT").arg(1))
        .map(response -> response == null || response.size() == 0 ? null : response.get(0).get(0).toString());
  }

  /** The pushes after {@code seq}, oldest first, at most {@link #MAX_REPLAY}. */
  public Future<List<Entry>> after(String room, String seq) {
    return between(room, seq, "+");
  }

  /** The pushes after {@code seq} up to {@code last} included ("+": the newest), oldest first, at most {@link #MAX_REPLAY}. */
  public Future<List<Entry>> between(String room, String seq, String last) {
    return redis.send(Request.cmd(Command.XRANGE).arg(stream(room)).arg("(" + seq).arg(last).arg("COUNT")
        .arg(MAX_REPLAY)).map(RoomLog::entries);
  }

  /** Whether a client whose last seq is this one has been away longer than the window (a stream id starts with ms). */
  public boolean beyondWindow(String seq) {
    long at = millisOf(seq);
    return at < 0 || System.currentTimeMillis() - at > windowSeconds * 1000L;
  }

  /** A seq as this log writes them: {@code <ms>-<n>}. */
  public static boolean wellFormed(String seq) {
    return seq != null && seq.length() <= 40 && seq.matches("\\d{1,19}-\\d{1,19}");
  }

  private static long millisOf(String seq) {
    try {
      return Long.parseLong(seq.substring(0, seq.indexOf('-')));
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static String stream(String room) {
    return "mch:rt:log:{" + room + "}";
  }

  private static List<Entry> entries(Response response) {
    List<Entry> entries = new ArrayList<>();
    if (response == null) {
      return entries;
    }
    for (Response entry : response) {
      Response fields = entry.get(1);
      for (int i = 0; i + 1 < fields.size(); i += 2) {
        if ("b".equals(fields.get(i).toString())) {
          entries.add(new Entry(entry.get(0).toString(), fields.get(i + 1).toString()));
        }
      }
    }
    return entries;
  }
}
