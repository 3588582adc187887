package com.medcontracthub.jobs;

import com.medcontracthub.redis.RedisLine;
import com.medcontracthub.redis.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The queue's Lua scripts (in this package's resources), each run atomically with the shared prelude; every state
 * change of a job is one of them. They compute their keys from the prefix, so the queue needs one Redis, not a
 * cluster.
 */
enum QueueScripts {
  ENQUEUE, ADVANCE, RECOVER, EXTEND, REDRIVE, PROGRESS, COUNTS;

  private final RedisScript script = new RedisScript(read("prelude") + "\n" + read(name().toLowerCase()));

  Future<Response> run(RedisLine line, String prefix, String queue, List<?> args) {
    List<Object> all = new ArrayList<>(args.size() + 2);
    all.add(prefix);
    all.add(queue);
    all.addAll(args);
    return script.run(line, List.of(), all);
  }

  private static String read(String name) {
    try (InputStream in = QueueScripts.class.getResourceAsStream(name + ".lua")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
