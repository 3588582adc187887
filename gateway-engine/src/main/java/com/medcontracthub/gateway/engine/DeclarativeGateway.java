package com.medcontracthub.gateway.engine;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.file.FileProps;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Redis;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The declarative file in service: its routes answer requests, and a new version of the file (noticed within a
 * second of changing, or on {@link #reload()}) replaces them without dropping a request — requests under way finish
 * on the routes they started with. A new version that does not validate is refused and the running one stays.
 */
public final class DeclarativeGateway implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(DeclarativeGateway.class);
  private static final long CHECK_EVERY_MS = 1_000;
  /** Long enough for requests under way on replaced routes to finish. */
  private static final long DRAIN_MS = 60_000;

  private final Vertx vertx;
  private final String key;
  private final Path file;
  private final Supplier<Redis> redis;
  private final long maxBodyBytes;
  private final GatewayExtensions extensions;
  private volatile DeclarativeRoutes routes;
  private volatile GatewaySpec spec;
  private final List<Handler<GatewaySpec>> loadHandlers = new CopyOnWriteArrayList<>();
  private String version;
  private String refused;
  private long timer = -1;

  private DeclarativeGateway(Vertx vertx, String key, Path file, Supplier<Redis> redis, long maxBodyBytes,
      GatewayExtensions extensions) {
    this.vertx = vertx;
    this.key = key;
    this.file = file;
    this.redis = redis;
    this.maxBodyBytes = maxBodyBytes;
    this.extensions = extensions;
  }

  /**
   * The file's routes, watched for changes; fails (naming the path of the problem) when the file is not valid. A
   * relative path that is not a file is looked up on the classpath (Vert.x's file resolver), so a file packed in a
   * jar serves too.
   *
   * @param key names the file among the gateway's files (state plugins share between gateways, such as rate-limiting
   *     counters, is kept apart per key)
   * @param redis the Redis of plugins whose {@code redis} names no host; made when a plugin first asks
   * @param maxBodyBytes the largest body sent to an upstream that takes bodies whole
   * @param extensions the product's plugins, upstream schemes and problem responses
   */
  public static Future<DeclarativeGateway> start(Vertx vertx, String key, Path file, Supplier<Redis> redis,
      long maxBodyBytes, GatewayExtensions extensions) {
    DeclarativeGateway gateway = new DeclarativeGateway(vertx, key, file, redis, maxBodyBytes, extensions);
    return gateway.load().map(v -> {
      gateway.timer = vertx.setPeriodic(CHECK_EVERY_MS, id -> gateway.reloadIfChanged());
      return gateway;
    });
  }

  /** The file now in service. */
  public GatewaySpec spec() {
    return spec;
  }

  /** Called with every version of the file taken into service, starting with the one in service now. */
  public void onLoad(Handler<GatewaySpec> handler) {
    loadHandlers.add(handler);
    handler.handle(spec);
  }

  @Override
  public void handle(RoutingContext ctx) {
    routes.handle(ctx);
  }

  /** Reads the file again now (SIGHUP); the running routes stay when it is not valid. */
  public Future<Void> reload() {
    return load().onFailure(e -> LOG.error("gateway file {} not reloaded, the running version stays: {}", file,
        e.getMessage()));
  }

  /** A changed file is read once: a version that was refused is not tried again until the file changes again. */
  private void reloadIfChanged() {
    vertx.fileSystem().props(file.toString()).onSuccess(props -> {
      String seen = versionOf(props);
      if (!seen.equals(version) && !seen.equals(refused)) {
        reload().onFailure(e -> refused = seen);
      }
    });
  }

  private Future<Void> load() {
    String path = file.toString();
    return vertx.fileSystem().props(path).compose(props -> vertx.fileSystem().readFile(path)
        .compose(text -> vertx.executeBlocking(() -> new Loaded(GatewayFile.parse(text.toString(), extensions),
            versionOf(props)))))
        .map(loaded -> {
          DeclarativeRoutes previous = routes;
          routes = DeclarativeRoutes.build(vertx, loaded.spec(),
              new PluginContext(vertx, redis, loaded.spec().consumers(), key), maxBodyBytes, extensions);
          spec = loaded.spec();
          boolean reloaded = version != null;
          version = loaded.version();
          if (previous != null) {
            previous.close(DRAIN_MS);
          }
          if (reloaded) {
            LOG.info("gateway file {} reloaded: {} services", file, loaded.spec().services().size());
            loadHandlers.forEach(handler -> handler.handle(loaded.spec()));
          }
          return null;
        });
  }

  private static String versionOf(FileProps props) {
    return props.lastModifiedTime() + ":" + props.size();
  }

  public void stop() {
    vertx.cancelTimer(timer);
    routes.close(0);
  }

  private record Loaded(GatewaySpec spec, String version) {
  }
}
