package com.medcontracthub.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import redis.embedded.RedisServer;

/** Redis 6.2 from the embedded-redis jar, as a child process, with an append-only file in the data directory. */
final class EmbeddedRedis implements EmbeddedComponent {

  private final String host;
  private final int port;
  private final Path dataDir;
  private RedisServer server;

  EmbeddedRedis(String host, int port, Path dataDir) {
    this.host = host;
    this.port = port;
    this.dataDir = dataDir;
  }

  @Override
  public String name() {
    return "redis";
  }

  @Override
  public void start() throws IOException {
    Files.createDirectories(dataDir);
    server = RedisServer.newRedisServer()
        .bind(host)
        .port(port)
        .setting("dir " + dataDir)
        .setting("appendonly yes")
        .setting("appendfsync everysec")
        .setting("protected-mode yes")
        .build();
    server.start();
  }

  @Override
  public String address() {
    return host + ":" + port;
  }

  String uri() {
    return "redis://" + address();
  }

  @Override
  public void close() throws IOException {
    if (server != null) {
      server.stop();
      server = null;
    }
  }
}
