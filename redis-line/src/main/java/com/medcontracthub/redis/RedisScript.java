package com.medcontracthub.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** A Lua script run atomically in Redis: by its digest (Redis keeps a script after its first EVAL), or whole. */
public final class RedisScript {

  private final String source;
  private final String sha1;

  public RedisScript(String source) {
    this.source = source;
    this.sha1 = sha1(source);
  }

  public Future<Response> run(RedisLine line, List<String> keys, List<?> args) {
    return line.send(request(Command.EVALSHA, sha1, keys, args))
        .recover(e -> String.valueOf(e.getMessage()).startsWith("NOSCRIPT")
            ? line.send(request(Command.EVAL, source, keys, args)) : Future.failedFuture(e));
  }

  private static Request request(Command command, String script, List<String> keys, List<?> args) {
    Request request = Request.cmd(command).arg(script).arg(keys.size());
    keys.forEach(request::arg);
    args.forEach(arg -> request.arg(String.valueOf(arg)));
    return request;
  }

  private static String sha1(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
