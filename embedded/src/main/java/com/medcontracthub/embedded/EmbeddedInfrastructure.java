package com.medcontracthub.embedded;

import static com.medcontracthub.codecs.ConfigKeys.KAFKA_BOOTSTRAP;
import static com.medcontracthub.codecs.ConfigKeys.POSTGRES_URI;
import static com.medcontracthub.codecs.ConfigKeys.REDIS_URI;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Kafka (KRaft), PostgreSQL and Redis on one host, started in parallel, with their data under one directory
 * that survives restarts. Closing stops them in the reverse order of their start.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

  private static final String LOCK_FILE = ".lock";
  private static final String CACHE_DIR = "cache";

  /** Told when each component is ready, from the thread that started it. */
  @FunctionalInterface
  public interface StartListener {
    void started(String component, String address, Duration took);
  }

  private final List<EmbeddedComponent> started;
  private final EmbeddedPostgres postgres;
  private final EmbeddedRedis redis;
  private final EmbeddedKafka kafka;
  private final DataDirectoryLock lock;

  private EmbeddedInfrastructure(List<EmbeddedComponent> started, EmbeddedKafka kafka, EmbeddedPostgres postgres,
      EmbeddedRedis redis, DataDirectoryLock lock) {
    this.started = started;
    this.kafka = kafka;
    this.postgres = postgres;
    this.redis = redis;
    this.lock = lock;
  }

  /**
   * Starts every component or none: when one fails, the ones already up are stopped again.
   *
   * @throws InfrastructureException naming the component or port that stopped the start
   */
  public static EmbeddedInfrastructure start(EmbeddedOptions options, StartListener listener) {
    DataDirectoryLock lock = DataDirectoryLock.acquire(options.dataDir());
    try {
      EmbeddedPostgres.stopOrphan(options.dataDir().resolve("postgres"));
      EmbeddedRedis.stopOrphan(options.dataDir().resolve("redis"));
      if (options.fresh()) {
        lock.emptyDirectory(CACHE_DIR);
      }
      String host = options.host();
      PortAllocator ports = new PortAllocator(host, options.pickFreePorts());
      EmbeddedKafka kafka = new EmbeddedKafka(host, ports.take("embedded.kafka-port", options.kafkaPort()),
          ports.take("embedded.kafka-controller-port", options.kafkaControllerPort()), options.dataDir().resolve("kafka"));
      EmbeddedPostgres postgres = new EmbeddedPostgres(host, ports.take("embedded.postgres-port", options.postgresPort()),
          options.dataDir().resolve("postgres"), options.dataDir().resolve(CACHE_DIR).resolve("postgres-binaries"));
      EmbeddedRedis redis = new EmbeddedRedis(host, ports.take("embedded.redis-port", options.redisPort()),
          options.dataDir().resolve("redis"));
      List<EmbeddedComponent> started = startAll(List.of(postgres, redis, kafka), listener);
      return new EmbeddedInfrastructure(started, kafka, postgres, redis, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  private static List<EmbeddedComponent> startAll(List<EmbeddedComponent> components, StartListener listener) {
    List<EmbeddedComponent> started = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(components.size(), r -> {
      Thread t = new Thread(r, "mch-embedded-start");
      t.setDaemon(true);
      return t;
    });
    try {
      List<CompletableFuture<Void>> starts = components.stream()
          .map(component -> CompletableFuture.runAsync(() -> {
            long t0 = System.nanoTime();
            try {
              component.start();
            } catch (Exception e) {
              throw new InfrastructureException(component.name() + " did not start: " + rootMessage(e), e);
            }
            synchronized (started) {
              started.add(component);
            }
            listener.started(component.name(), component.address(), Duration.ofNanos(System.nanoTime() - t0));
          }, pool))
          .toList();
      CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
      return started;
    } catch (CompletionException e) {
      closeInReverse(started);
      throw e.getCause() instanceof InfrastructureException ie ? ie : new InfrastructureException(rootMessage(e), e);
    } finally {
      pool.shutdown();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /** The settings a service JVM needs to use this infrastructure, keyed by configuration key. */
  public Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(KAFKA_BOOTSTRAP, kafka.address());
    settings.put(POSTGRES_URI, postgres.uri());
    settings.put(REDIS_URI, redis.uri());
    return settings;
  }

  /**
   * Stops one component ({@code kafka}, {@code postgres} or {@code redis}), its address and data kept for
   * {@link #start(String)}: what the services see when it goes away under them.
   */
  public void stop(String component) {
    EmbeddedComponent part = component(component);
    try {
      part.close();
    } catch (Exception e) {
      throw new InfrastructureException(component + " did not stop: " + rootMessage(e), e);
    }
  }

  /** Starts a component {@link #stop(String) stopped} before, at the same address over the same data. */
  public void start(String component) {
    EmbeddedComponent part = component(component);
    try {
      part.start();
    } catch (Exception e) {
      throw new InfrastructureException(component + " did not start: " + rootMessage(e), e);
    }
  }

  private EmbeddedComponent component(String name) {
    return Stream.of(kafka, postgres, redis).filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new InfrastructureException("no component " + name + ": kafka, postgres or redis"));
  }

  @Override
  public void close() {
    closeInReverse(started);
    lock.close();
  }

  private static void closeInReverse(List<EmbeddedComponent> components) {
    List<EmbeddedComponent> reverse = new ArrayList<>(components);
    Collections.reverse(reverse);
    for (EmbeddedComponent component : reverse) {
      try {
        component.close();
      } catch (Exception e) {
        System.err.println("mch: " + component.name() + " did not stop cleanly: " + rootMessage(e));
      }
    }
    components.clear();
  }

  /**
   * Allocates the configured ports, or free ones, and refuses a port that is taken. A free port is never given twice:
   * none is bound until the servers start, so two free ones chosen apart could be the same (Kafka then refuses its two
   * listeners on one port).
   */
  private static final class PortAllocator {
    private final String host;
    private final boolean pickFree;
    private final Set<Integer> given = new HashSet<>();

    PortAllocator(String host, boolean pickFree) {
      this.host = host;
      this.pickFree = pickFree;
    }

    int take(String key, int port) {
      if (port == 0) {
        return free();
      }
      if (Ports.isFree(host, port)) {
        given.add(port);
        return port;
      }
      if (pickFree) {
        return free();
      }
      throw new InfrastructureException("port " + port + " on " + host + " is already in use (" + key
          + "); free it, choose another port, or set embedded.pick-free-ports: true");
    }

    private int free() {
      int port = Ports.free(host);
      while (!given.add(port)) {
        port = Ports.free(host);
      }
      return port;
    }
  }

  /** One process per data directory: a second {@code mch} on the same directory is refused up front. */
  private static final class DataDirectoryLock implements AutoCloseable {
    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path dir, FileChannel channel, FileLock lock) {
      this.dir = dir;
      this.channel = channel;
      this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dir) {
      try {
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel);
        if (lock == null) {
          channel.close();
          throw new InfrastructureException("data directory " + dir + " is in use by another mch process");
        }
        return new DataDirectoryLock(dir, channel, lock);
      } catch (IOException e) {
        throw new InfrastructureException("cannot use data directory " + dir + ": " + e.getMessage(), e);
      }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
      try {
        return channel.tryLock();
      } catch (OverlappingFileLockException e) {
        return null;
      }
    }

    /** Deletes everything in the directory but the lock and the entry named {@code keep}. */
    void emptyDirectory(String keep) {
      try (Stream<Path> children = Files.list(dir)) {
        for (Path child : children.toList()) {
          String name = child.getFileName().toString();
          if (!name.equals(LOCK_FILE) && !name.equals(keep)) {
            Directories.deleteRecursively(child);
          }
        }
      } catch (IOException e) {
        throw new InfrastructureException("cannot empty data directory " + dir + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        System.err.println("mch: could not release " + dir.resolve(LOCK_FILE) + ": " + e.getMessage());
      }
    }
  }
}
