package com.medcontracthub.realtime.presence;

import com.medcontracthub.platform.redis.RedisLine;
import com.medcontracthub.platform.redis.RedisScript;
import com.medcontracthub.realtime.log.RoomLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is on each presence room, cluster-wide, in Redis: an entry per socket that expires unless the JVM holding the
 * socket refreshes it ({@link #TTL_MS}), so the entries of a JVM that died disappear within seconds, removed by
 * whichever JVM sweeps first. Every change publishes the room's whole member list (one entry per user, "editing"
 * over "viewing"), so a client that missed one change is right again at the next.
 */
public final class Presence {

  public static final long TTL_MS = 10_000;
  public static final long REFRESH_MS = 3_000;
  public static final long SWEEP_MS = 1_000;
  private static final String ROOMS = "mch:rt:presence-rooms";

  /** KEYS: entries, who, rooms; ARGV: socket key, member JSON, expiry ms, room. */
  private static final RedisScript JOIN = new RedisScript("""
      redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
      redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
      redis.call('SADD', KEYS[3], ARGV[4])
      return redis.call('HVALS', KEYS[2])
      """);

  /** KEYS: entries, who; ARGV: socket key. False when the socket was not there. */
  private static final RedisScript LEAVE = new RedisScript("""
      if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return false end
      redis.call('HDEL', KEYS[2], ARGV[1])
      return redis.call('HVALS', KEYS[2])
      """);

  /** KEYS: the entries of each socket; ARGV: expiry ms, then each socket key. Only entries still there are renewed. */
  private static final RedisScript REFRESH = new RedisScript("""
      for i = 1, #KEYS do redis.call('ZADD', KEYS[i], 'XX', ARGV[1], ARGV[i + 1]) end
      return #KEYS
      """);

  /** KEYS: rooms; ARGV: now ms. Returns room, members JSON array, … for each room that lost members. */
  private static final RedisScript SWEEP = new RedisScript("""
      local out = {}
      for _, room in ipairs(redis.call('SMEMBERS', KEYS[1])) do
        local entries = 'mch:rt:presence:{' .. room .. '}'
        local who = entries .. ':who'
        local gone = redis.call('ZRANGEBYSCORE', entries, '-inf', ARGV[1])
        if #gone > 0 then
          redis.call('ZREM', entries, unpack(gone))
          redis.call('HDEL', who, unpack(gone))
          out[#out + 1] = room
          out[#out + 1] = cjson.encode(redis.call('HVALS', who))
        end
        if redis.call('ZCARD', entries) == 0 then redis.call('SREM', KEYS[1], room) end
      end
      return out
      """);

  private final RedisLine redis;
  private final RoomLog log;

  public Presence(RedisLine redis, RoomLog log) {
    this.redis = redis;
    this.log = log;
  }

  /** Puts (or updates) a socket on the room and publishes the members. */
  public Future<JsonArray> join(String room, String socketKey, JsonObject member) {
    return JOIN.run(redis, List.of(entries(room), who(room), ROOMS),
            List.of(socketKey, member.encode(), System.currentTimeMillis() + TTL_MS, room))
        .compose(values -> publish(room, members(values)));
  }

  public Future<Void> leave(String room, String socketKey) {
    return LEAVE.run(redis, List.of(entries(room), who(room)), List.of(socketKey))
        .compose(values -> values == null ? Future.succeededFuture() : publish(room, members(values)).mapEmpty());
  }

  /** Keeps these sockets' entries alive: {@code room → socket keys}. */
  public Future<Void> refresh(Map<String, List<String>> socketsByRoom) {
    List<String> keys = new ArrayList<>();
    List<Object> args = new ArrayList<>();
    args.add(System.currentTimeMillis() + TTL_MS);
    socketsByRoom.forEach((room, sockets) -> sockets.forEach(socket -> {
      keys.add(entries(room));
      args.add(socket);
    }));
    return keys.isEmpty() ? Future.succeededFuture() : REFRESH.run(redis, keys, args).mapEmpty();
  }

  /** Removes expired entries everywhere and publishes the rooms that changed; returns how many changed. */
  public Future<Integer> sweep() {
    return SWEEP.run(redis, List.of(ROOMS), List.of(System.currentTimeMillis())).compose(changed -> {
      List<Future<JsonArray>> published = new ArrayList<>();
      for (int i = 0; i + 1 < changed.size(); i += 2) {
        // cjson writes an empty array as {}
        String json = changed.get(i + 1).toString();
        JsonArray values = json.startsWith("[") ? new JsonArray(json) : new JsonArray();
        published.add(publish(changed.get(i).toString(), members(values)));
      }
      return Future.all(published).map(all -> published.size());
    });
  }

  private Future<JsonArray> publish(String room, JsonArray members) {
    return log.publish(room, new JsonObject().put("members", members), null).map(seq -> members);
  }

  private static JsonArray members(Response values) {
    JsonArray all = new JsonArray();
    for (Response value : values) {
      all.add(value.toString());
    }
    return members(all);
  }

  /** One entry per user, from the JSON strings of the room's sockets. */
  private static JsonArray members(JsonArray values) {
    Map<String, JsonObject> byUser = new LinkedHashMap<>();
    for (Object value : values) {
      JsonObject member = new JsonObject(value.toString());
      byUser.merge(member.getString("userId"), member,
          (a, b) -> "editing".equals(b.getString("state")) ? b : a);
    }
    return new JsonArray(new ArrayList<>(byUser.values()));
  }

  private static String entries(String room) {
    return "mch:rt:presence:{" + room + "}";
  }

  private static String who(String room) {
    return entries(room) + ":who";
  }
}
