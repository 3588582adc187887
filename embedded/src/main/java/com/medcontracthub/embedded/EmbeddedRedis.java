package com.medcontracthub.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import redis.embedded.RedisServer;

/** Redis 6.2 from the embedded-redis jar, as a child process, with an append-only file in the data directory. */
final class EmbeddedRedis implements EmbeddedComponent {

  private static final String PID_FILE = "redis.pid";

  private final String host;
  private final int port;
  private final Path dataDir;
  private RedisServer server;

  EmbeddedRedis(String host, int port, Path dataDir) {
    this.host = host;
    this.port = port;
    this.dataDir = dataDir;
  }

  /** A Redis of this data directory left by a killed mch; see {@link OrphanProcess}. */
  static void stopOrphan(Path dataDir) {
    OrphanProcess.stop(dataDir.resolve(PID_FILE), "redis-server");
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
        .setting("pidfile " + dataDir.resolve(PID_FILE))
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
