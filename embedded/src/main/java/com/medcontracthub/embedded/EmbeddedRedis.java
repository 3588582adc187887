package com.medcontracthub.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import redis.embedded.RedisServer;

/** Redis 6.2 from the embedded-redis jar, as a child process, with an append-only file in the data directory. */
final class EmbeddedRedis implements EmbeddedComponent {

  private static final String PID_FILE = "redis.pid";
  private static final int START_ATTEMPTS = 5;
  private static final long RETRY_AFTER_MS = 200;

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
    if (server != null) {
      return;
    }
    Files.createDirectories(dataDir);
    for (int attempt = 1; ; attempt++) {
      try {
        startOnce();
        return;
      } catch (IOException e) {
        // embedded-redis writes its binary to a temporary file and runs it; a process forked meanwhile by another
        // component's start (PostgreSQL's, in parallel) inherits the file open for writing until it execs, and running
        // the binary then fails with ETXTBSY ("error=26, Text file busy", JDK-8068370): it is free a moment later
        if (attempt == START_ATTEMPTS || !textFileBusy(e)) {
          throw e;
        }
        sleep(RETRY_AFTER_MS);
      }
    }
  }

  private static boolean textFileBusy(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && cause.getMessage().contains("error=26")) {
        return true;
      }
    }
    return false;
  }

  private static void sleep(long ms) throws IOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while starting Redis", e);
    }
  }

  private void startOnce() throws IOException {
    RedisServer starting = RedisServer.newRedisServer()
        .bind(host)
        .port(port)
        .setting("dir " + dataDir)
        .setting("pidfile " + dataDir.resolve(PID_FILE))
        .setting("appendonly yes")
        .setting("appendfsync everysec")
        .setting("protected-mode yes")
        .build();
    starting.start();
    server = starting;
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
      try {
        server.stop();
      } finally {
        server = null;
      }
    }
  }
}
