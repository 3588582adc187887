package com.medcontracthub.realtime;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.avro.EventCodec;
import com.medcontracthub.identity.IdentityVerticle;
import com.medcontracthub.identity.accounts.Accounts;
import com.medcontracthub.identity.store.IdentityStore;
import com.medcontracthub.opportunities.OpportunitiesVerticle;
import com.medcontracthub.opportunities.ingest.Importer;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.auth.ActiveUsers;
import com.medcontracthub.platform.auth.JwtKeys;
import com.medcontracthub.platform.auth.Logins;
import com.medcontracthub.platform.auth.Tokens;
import com.medcontracthub.platform.auth.VerifiedTokens;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.platform.db.PgPools;
import com.medcontracthub.platform.http.ProductLogins;
import com.medcontracthub.realtime.bridge.BridgeServices;
import com.medcontracthub.realtime.bridge.SockJsMount;
import com.medcontracthub.testkit.BridgeClient;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The realtime service as it runs, against the embedded PostgreSQL and Redis: identity, opportunities and comments
 * services, the realtime service, the SockJS bridge on an HTTP server of its own and the TCP bridge, with two
 * tenants (A with users a1 and a2, B with b1) and one notice.
 */
public final class RealtimeFixture {

  /** A user: the principal the identity service answers, and a token for it. */
  public record User(JsonObject principal, String token) {
    public String id() {
      return principal.getString("userId");
    }

    public String tenant() {
      return principal.getString("tenantId");
    }
  }

  /** The SockJS bridge on its own HTTP server, with what its sockets share. */
  static final class BridgeServer extends VerticleBase {
    private final MchConfig config;
    private final Tokens tokens;
    SockJsMount mount;
    private HttpServer server;

    BridgeServer(MchConfig config, Tokens tokens) {
      this.config = config;
      this.tokens = tokens;
    }

    @Override
    public Future<?> start() {
      ActiveUsers users = new ActiveUsers(vertx);
      mount = (SockJsMount) SockJsMount.FACTORY.create(vertx, config,
          new ProductLogins(new Logins(new VerifiedTokens(tokens), users), 10_000));
      Router router = Router.router(vertx);
      mount.mount(router);
      server = vertx.createHttpServer().requestHandler(mount.before(router));
      return users.listen().compose(listening -> server.listen(0, "127.0.0.1"));
    }

    int port() {
      return server.actualPort();
    }
  }

  public final String suffix = UUID.randomUUID().toString().substring(0, 8);
  public final String notice = "rt-" + suffix;
  private final MchConfig config;
  private final JwtKeys.Keys keys;
  private final Tokens tokens;
  private final Pool pool;
  private User a1;
  private User a2;
  private User b1;
  private User a3;
  private BridgeServer bridge;
  private TcpBridgeVerticle tcp;
  private Vertx vertx;

  private RealtimeFixture(MchConfig config, JwtKeys.Keys keys, Tokens tokens, Pool pool) {
    this.config = config;
    this.keys = keys;
    this.tokens = tokens;
    this.pool = pool;
  }

  public User a1() {
    return a1;
  }

  public User a2() {
    return a2;
  }

  public User b1() {
    return b1;
  }

  /** A member of tenant A that a test may remove. */
  public User a3() {
    return a3;
  }

  /** The SockJS bridge's shared state, to see what its sockets still hold. */
  public BridgeServices bridge() {
    return bridge.mount.services();
  }

  /** Where the system's key pair is: forged tokens are signed with it, wrong in one claim. */
  public Path keyDir() {
    return config.auth().keyDir();
  }

  public int tcpPort() {
    return tcp.port();
  }

  public int tcpSockets() {
    return tcp.sockets();
  }

  /** A token of ours, well signed, that expired a minute ago. */
  public String expiredToken(JsonObject principal) {
    long now = System.currentTimeMillis() / 1000;
    return JWTAuth.create(vertx, keys.options()).generateToken(new JsonObject().put("tenant", principal.getString("tenantId"))
            .put("role", principal.getString("role")).put("ver", principal.getInteger("tokenVersion"))
            .put("exp", now - 60),
        new JWTOptions().setAlgorithm(JwtKeys.ALGORITHM).setSubject(principal.getString("userId"))
            .setIssuer(Tokens.ISSUER).setAudience(List.of(Tokens.AUDIENCE)));
  }

  public static RealtimeFixture start(Vertx vertx, Map<String, String> settings) throws Exception {
    Migrations.apply(TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI));
    Map<String, String> env = new HashMap<>(TestInfrastructure.environment());
    settings.forEach((key, value) -> env.put(ConfigKeys.envName(key), value));
    MchConfig config = ConfigLoader.load(vertx, "cluster", Optional.empty(), env, Map.of()).await();
    EventCodec.registerAll(vertx);
    JwtKeys.Keys keys = JwtKeys.load(config);
    RealtimeFixture f = new RealtimeFixture(config, keys, new Tokens(vertx, keys.options(), config.auth().tokenTtlSeconds()),
        PgPools.create(vertx, config));
    f.vertx = vertx;
    f.users(vertx).await();
    f.notice(vertx, f.notice).await();
    f.bridge = new BridgeServer(config, f.tokens);
    f.tcp = new TcpBridgeVerticle(config);
    Future.all(List.of(vertx.deployVerticle(new IdentityVerticle(config)),
        vertx.deployVerticle(new OpportunitiesVerticle(config)), vertx.deployVerticle(new CommentsVerticle(config)),
        vertx.deployVerticle(new RealtimeVerticle(config)), vertx.deployVerticle(f.bridge), vertx.deployVerticle(f.tcp)))
        .await();
    return f;
  }

  private Future<Void> users(Vertx vertx) {
    IdentityStore identities = new IdentityStore(pool);
    Accounts accounts = new Accounts(vertx, identities);
    return accounts.createTenant("rt-a-" + suffix, "a1-" + suffix + "@a.example", "secret-a", "test")
        .compose(tenant -> accounts.addUser(tenant, "a2-" + suffix + "@a.example", "member", "secret-a2", "test"))
        .compose(v -> accounts.createTenant("rt-b-" + suffix, "b1-" + suffix + "@b.example", "secret-b", "test"))
        .compose(v -> user(identities, "a1-" + suffix + "@a.example")).map(u -> a1 = u)
        .compose(v -> user(identities, "a2-" + suffix + "@a.example")).map(u -> a2 = u)
        .compose(v -> user(identities, "b1-" + suffix + "@b.example")).map(u -> b1 = u)
        .compose(v -> accounts.addUser(UUID.fromString(a1.tenant()), "a3-" + suffix + "@a.example", "member", "secret-a3",
            "test"))
        .compose(v -> user(identities, "a3-" + suffix + "@a.example")).map(u -> a3 = u)
        .mapEmpty();
  }

  private Future<User> user(IdentityStore identities, String email) {
    return identities.activeByEmail(email).map(account -> {
      JsonObject principal = account.orElseThrow().principal().put("email", email);
      return new User(principal, tokens.issue(principal));
    });
  }

  /** Imports a notice so the bridge lets clients talk about it. */
  public Future<Void> notice(Vertx vertx, String id) {
    String record = "{\"noticeId\": \"" + id + "\", \"title\": \"Exam gloves\", \"postedDate\": \"2024-05-01\"}";
    return vertx.executeBlocking(() -> new Importer(new OpportunityStore(pool)).run(
        () -> new ByteArrayInputStream(record.getBytes(StandardCharsets.UTF_8)), "test", (r, b) -> { })).mapEmpty();
  }

  public Future<BridgeClient> ws(Vertx vertx) {
    return BridgeClient.webSocket(vertx, bridge.port());
  }

  public Future<BridgeClient> tcp(Vertx vertx) {
    return BridgeClient.tcp(vertx, tcp.port());
  }

  public String comments() {
    return "opportunity." + notice + ".comments";
  }

  public String events() {
    return "opportunity." + notice + ".events";
  }

  public String presence() {
    return "opportunity." + notice + ".presence";
  }

  public String notes() {
    return "opportunity." + notice + ".notes";
  }
}
