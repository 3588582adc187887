package com.medcontracthub.realtime.presence;

import com.medcontracthub.realtime.log.RoomLog;
import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.redis.RedisScript;
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

  /**
   * Every script answers room, version, members JSON array, … for each room whose members it changed: the version
   * counts the room's changes in the order Redis made them, so a client shown two lists that were published out of
   * that order (from two JVMs, or two connections of one) keeps the later one.
   */
  private static final String LISTED = """
      local function listed(out, room, entries, who)
        out[#out + 1] = room
        out[#out + 1] = redis.call('INCR', entries .. ':version')
        out[#out + 1] = cjson.encode(redis.call('HVALS', who))
      end
      """;

  /** KEYS: entries, who, rooms; ARGV: socket key, member JSON, expiry ms, room. */
  private static final RedisScript JOIN = new RedisScript(LISTED + """
      redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
      redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
      redis.call('SADD', KEYS[3], ARGV[4])
      local out = {}
      listed(out, ARGV[4], KEYS[1], KEYS[2])
      return out
      """);

  /** KEYS: entries, who; ARGV: socket key, room. Nothing when the socket was not there. */
  private static final RedisScript LEAVE = new RedisScript(LISTED + """
      local out = {}
      if redis.call('ZREM', KEYS[1], ARGV[1]) == 1 then
        redis.call('HDEL', KEYS[2], ARGV[1])
        listed(out, ARGV[2], KEYS[1], KEYS[2])
      end
      return out
      """);

  /**
   * KEYS: rooms, then the entries and who of each socket's room; ARGV: expiry ms, then socket key, member JSON and room
   * of each socket. Renews every live socket's entry and puts back one that expired meanwhile (a refresh held up
   * longer than {@link #TTL_MS}, then swept), returning room, members JSON array, … for each room it put one back in.
   */
  private static final RedisScript REFRESH = new RedisScript(LISTED + """
      local rooms, order = {}, {}
      for i = 2, #KEYS, 2 do
        local a = (i - 2) / 2 * 3 + 2
        if redis.call('ZADD', KEYS[i], ARGV[1], ARGV[a]) == 1 then
          redis.call('HSET', KEYS[i + 1], ARGV[a], ARGV[a + 1])
          redis.call('SADD', KEYS[1], ARGV[a + 2])
          if not rooms[ARGV[a + 2]] then
            rooms[ARGV[a + 2]] = i
            order[#order + 1] = ARGV[a + 2]
          end
        end
      end
      local out = {}
      for _, room in ipairs(order) do
        listed(out, room, KEYS[rooms[room]], KEYS[rooms[room] + 1])
      end
      return out
      """);

  /** KEYS: rooms; ARGV: now ms. Removes the expired entries of every room. */
  private static final RedisScript SWEEP = new RedisScript(LISTED + """
      local out = {}
      for _, room in ipairs(redis.call('SMEMBERS', KEYS[1])) do
        local entries = 'mch:rt:presence:{' .. room .. '}'
        local who = entries .. ':who'
        local gone = redis.call('ZRANGEBYSCORE', entries, '-inf', ARGV[1])
        if #gone > 0 then
          redis.call('ZREM', entries, unpack(gone))
          redis.call('HDEL', who, unpack(gone))
          listed(out, room, entries, who)
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
        .compose(this::publishAll).map(published -> published.get(0));
  }

  public Future<Void> leave(String room, String socketKey) {
    return LEAVE.run(redis, List.of(entries(room), who(room)), List.of(socketKey, room)).compose(this::publishAll)
        .mapEmpty();
  }

  /**
   * Keeps these sockets' entries alive: {@code room → socket key → member}; an entry swept meanwhile is put back and
   * its room's members published again.
   *
   * @return how many rooms had an entry put back
   */
  public Future<Integer> refresh(Map<String, Map<String, JsonObject>> sockets) {
    List<String> keys = new ArrayList<>(List.of(ROOMS));
    List<Object> args = new ArrayList<>();
    args.add(System.currentTimeMillis() + TTL_MS);
    sockets.forEach((room, members) -> members.forEach((socket, member) -> {
      keys.add(entries(room));
      keys.add(who(room));
      args.add(socket);
      args.add(member.encode());
      args.add(room);
    }));
    return keys.size() == 1 ? Future.succeededFuture(0)
        : REFRESH.run(redis, keys, args).compose(this::publishAll).map(List::size);
  }

  /** Removes expired entries everywhere and publishes the rooms that changed; returns how many changed. */
  public Future<Integer> sweep() {
    return SWEEP.run(redis, List.of(ROOMS), List.of(System.currentTimeMillis())).compose(this::publishAll)
        .map(List::size);
  }

  /** Publishes each room of a script's {@code room, version, members JSON array, …} answer; returns their members. */
  private Future<List<JsonArray>> publishAll(Response changed) {
    List<Future<JsonArray>> published = new ArrayList<>();
    for (int i = 0; i + 2 < changed.size(); i += 3) {
      // cjson writes an empty array as {}
      String json = changed.get(i + 2).toString();
      JsonArray members = members(json.startsWith("[") ? new JsonArray(json) : new JsonArray());
      published.add(log.publish(changed.get(i).toString(), new JsonObject().put("members", members)
          .put("version", changed.get(i + 1).toLong()), null).map(seq -> members));
    }
    return Future.all(published).map(all -> all.<JsonArray>list());
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
