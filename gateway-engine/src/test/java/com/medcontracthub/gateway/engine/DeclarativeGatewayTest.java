package com.medcontracthub.gateway.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.testkit.Eventually;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.RedisAPI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The declarative routes on the wire: a real upstream HTTP server, the gateway (the engine alone) before it. */
@ExtendWith(VertxExtension.class)
@DisplayName("Declarative gateway routes and plugins")
class DeclarativeGatewayTest {

  @TempDir
  Path dir;
  private GatewayFixture fixture;

  @BeforeEach
  void upstream(Vertx vertx) {
    fixture = new GatewayFixture(vertx, dir);
  }

  @Test
  @DisplayName("proxies to an HTTP upstream with the path stripped and joined, forwarding headers and correlation id")
  void proxies(Vertx vertx, VertxTestContext ctx) {
    fixture.gateway(KongFiles.ROUTES.replace("NOWHERE", String.valueOf(Ports.free("127.0.0.1"))))
        .compose(client -> client.get("/echo/items?page=2").putHeader("Kong-Request-ID", "given-1")
            .putHeader("X-Caller", "kept").send()
            .compose(echo -> {
              ctx.verify(() -> {
                assertEquals(200, echo.statusCode(), echo.bodyAsString());
                JsonObject seen = echo.bodyAsJsonObject();
                assertEquals("/base/items", seen.getString("path"));
                assertEquals("page=2", seen.getString("query"));
                assertEquals("given-1", seen.getJsonObject("headers").getString("kong-request-id"));
                assertEquals("kept", seen.getJsonObject("headers").getString("x-caller"), "the caller's own headers");
                assertEquals("127.0.0.1:" + fixture.upstreamPort(), seen.getJsonObject("headers").getString("host"),
                    "the upstream's host (preserve_host false)");
                assertEquals("127.0.0.1", seen.getJsonObject("headers").getString("x-forwarded-for"));
                assertEquals("given-1", echo.getHeader("Kong-Request-ID"));
              });
              return client.get("/echo").send();
            })
            .compose(generated -> {
              ctx.verify(() -> {
                assertEquals("/base", generated.bodyAsJsonObject().getString("path"));
                assertTrue(generated.getHeader("Kong-Request-ID").contains("#"), "uuid# generator");
              });
              return client.get("/echo/slow").send();
            })
            .compose(slow -> {
              ctx.verify(() -> assertEquals(504, slow.statusCode(), slow.bodyAsString()));
              return client.get("/nowhere").send();
            })
            .compose(nowhere -> {
              ctx.verify(() -> assertEquals(502, nowhere.statusCode(), nowhere.bodyAsString()));
              return client.get("/not-declared").send();
            }))
        .onComplete(ctx.succeeding(unmatched -> ctx.verify(() -> {
          assertEquals(404, unmatched.statusCode(), "falls through to the gateway's own routes");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("answers CORS preflights for allowed origins only, and adds the headers to real answers")
  void cors(Vertx vertx, VertxTestContext ctx) {
    fixture.gateway(KongFiles.ROUTES.replace("NOWHERE", "1"))
        .compose(client -> client.request(HttpMethod.OPTIONS, "/echo/x").putHeader("Origin", "https://app.example")
            .putHeader("Access-Control-Request-Method", "PUT").putHeader("Access-Control-Request-Headers", "X-Custom")
            .send()
            .compose(preflight -> {
              ctx.verify(() -> {
                assertEquals(200, preflight.statusCode());
                assertEquals("https://app.example", preflight.getHeader("Access-Control-Allow-Origin"));
                assertEquals("X-Custom", preflight.getHeader("Access-Control-Allow-Headers"));
                assertEquals("600", preflight.getHeader("Access-Control-Max-Age"));
              });
              return client.get("/echo/x").putHeader("Origin", "https://evil.example").send();
            })
            .compose(other -> {
              ctx.verify(() -> assertNull(other.getHeader("Access-Control-Allow-Origin")));
              return client.get("/echo/x").putHeader("Origin", "https://app.example").send();
            }))
        .onComplete(ctx.succeeding(allowed -> ctx.verify(() -> {
          assertEquals(200, allowed.statusCode());
          assertEquals("https://app.example", allowed.getHeader("Access-Control-Allow-Origin"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("limits requests per minute with Kong's headers and a 429 problem with Retry-After")
  void rateLimit(Vertx vertx, VertxTestContext ctx) {
    List<HttpResponse<Buffer>> answers = new ArrayList<>();
    fixture.gateway(KongFiles.ROUTES.replace("NOWHERE", "1"))
        .compose(client -> MinuteWindows.clearOfMinuteEdge(vertx).map(client))
        .compose(client -> GatewayFixture.sequentially(4, () -> client.get("/limited").send().onSuccess(answers::add)))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of(200, 200, 200, 429), answers.stream().map(HttpResponse::statusCode).toList());
          assertEquals(List.of("2", "1", "0", "0"),
              answers.stream().map(r -> r.getHeader("X-RateLimit-Remaining-Minute")).toList());
          assertEquals("3", answers.get(0).getHeader("X-RateLimit-Limit-Minute"));
          assertEquals("3", answers.get(0).getHeader("RateLimit-Limit"));
          HttpResponse<Buffer> refused = answers.get(3);
          assertEquals("application/problem+json", refused.getHeader("Content-Type"));
          assertEquals("API rate limit exceeded", refused.bodyAsJsonObject().getString("detail"));
          long retryAfter = Long.parseLong(refused.getHeader("Retry-After"));
          assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("with policy local, hold one limit per JVM however many gateway event loops serve it")
  void localLimitPerJvm(Vertx vertx, VertxTestContext ctx) {
    String file = KongFiles.locallyLimited("/local", 3);
    List<Integer> statuses = new ArrayList<>();
    Future.all(fixture.gateway(file), fixture.gateway(file))
        .compose(both -> MinuteWindows.clearOfMinuteEdge(vertx).map(both))
        .compose(both -> {
          int[] turn = {0};
          return GatewayFixture.sequentially(4, () -> both.<GatewayClient>resultAt(turn[0]++ % 2).get("/local").send()
              .onSuccess(r -> statuses.add(r.statusCode())));
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of(200, 200, 200, 429), statuses);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("authenticates consumers by key, hiding the key from the upstream; refuses missing and wrong keys")
  void keyAuth(Vertx vertx, VertxTestContext ctx) {
    fixture.gateway(KongFiles.ROUTES.replace("NOWHERE", "1"))
        .compose(client -> client.get("/keyed").send()
            .compose(missing -> {
              ctx.verify(() -> {
                assertEquals(401, missing.statusCode());
                assertEquals("No API key found in request", missing.bodyAsJsonObject().getString("detail"));
                assertEquals("Key realm=\"kong\"", missing.getHeader("WWW-Authenticate"));
              });
              return client.get("/keyed").putHeader("apikey", "guess").send();
            })
            .compose(wrong -> {
              ctx.verify(() -> assertEquals("Invalid authentication credentials",
                  wrong.bodyAsJsonObject().getString("detail")));
              return client.get("/keyed?page=2&apikey=alice-key").send();
            })
            .compose(inQuery -> {
              ctx.verify(() -> assertEquals("page=2", inQuery.bodyAsJsonObject().getString("query"), "hide_credentials"));
              return client.get("/keyed").putHeader("apikey", "alice-key").send();
            }))
        .onComplete(ctx.succeeding(ok -> ctx.verify(() -> {
          assertPassedAs(ok, "alice", "x-consumer-custom-id", "tenant-7", "apikey");
          ctx.completeNow();
        })));
  }

  /**
   * The upstream answered {@code ok}, sent the request as {@code consumer}, with {@code header} {@code value}, and without
   * the credential's {@code hidden} header (hide_credentials).
   */
  private static void assertPassedAs(HttpResponse<Buffer> ok, String consumer, String header, String value,
      String hidden) {
    assertEquals(200, ok.statusCode(), ok.bodyAsString());
    JsonObject headers = ok.bodyAsJsonObject().getJsonObject("headers");
    assertEquals(consumer, headers.getString("x-consumer-username"));
    assertEquals(value, headers.getString(header));
    assertNull(headers.getString(hidden), "hide_credentials");
  }

  @Test
  @DisplayName("authenticates consumers by basic credentials, hiding them from the upstream; refuses missing and wrong ones")
  void basicAuth(Vertx vertx, VertxTestContext ctx) {
    String right = "Basic " + Base64.getEncoder().encodeToString("carol:open sesame".getBytes(StandardCharsets.UTF_8));
    String wrong = "Basic " + Base64.getEncoder().encodeToString("carol:open barley".getBytes(StandardCharsets.UTF_8));
    fixture.gateway(KongFiles.ROUTES.replace("NOWHERE", "1"))
        .compose(client -> client.get("/basic").send()
            .compose(missing -> {
              ctx.verify(() -> {
                assertEquals(401, missing.statusCode());
                assertEquals("Basic realm=\"service\"", missing.getHeader("WWW-Authenticate"));
              });
              return client.get("/basic").putHeader("Authorization", wrong).send();
            })
            .compose(refused -> {
              ctx.verify(() -> assertEquals("Invalid authentication credentials",
                  refused.bodyAsJsonObject().getString("detail")));
              return client.get("/basic").putHeader("Authorization", right).send();
            }))
        .onComplete(ctx.succeeding(ok -> ctx.verify(() -> {
          assertPassedAs(ok, "carol", "x-credential-identifier", "carol", "authorization");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("lets through consumers of the allowed groups, telling the upstream their groups; refuses others")
  void acl(Vertx vertx, VertxTestContext ctx) {
    fixture.gateway(KongFiles.ROUTES.replace("NOWHERE", "1"))
        .compose(client -> client.get("/gold").putHeader("apikey", "bob-key").send()
            .compose(silver -> {
              ctx.verify(() -> {
                assertEquals(403, silver.statusCode());
                assertEquals("You cannot consume this service", silver.bodyAsJsonObject().getString("detail"));
              });
              return client.get("/anyone").send();
            })
            .compose(anonymous -> {
              ctx.verify(() -> assertEquals(401, anonymous.statusCode(), "no consumer for the acl to check"));
              return client.get("/gold").putHeader("apikey", "alice-key").send();
            }))
        .onComplete(ctx.succeeding(gold -> ctx.verify(() -> {
          assertEquals(200, gold.statusCode(), gold.bodyAsString());
          assertEquals("gold, staff", gold.bodyAsJsonObject().getJsonObject("headers").getString("x-consumer-groups"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("refuses denied addresses, oversized bodies and routes under maintenance before the upstream")
  void refusals(Vertx vertx, VertxTestContext ctx) {
    fixture.gateway(KongFiles.ROUTES.replace("NOWHERE", "1"))
        .compose(client -> client.get("/blocked").send()
            .compose(blocked -> {
              ctx.verify(() -> assertEquals(403, blocked.statusCode()));
              return client.request(HttpMethod.POST, "/small").sendBuffer(Buffer.buffer(new byte[2048]));
            })
            .compose(big -> {
              ctx.verify(() -> assertEquals(413, big.statusCode()));
              return client.request(HttpMethod.POST, "/small").sendBuffer(Buffer.buffer(new byte[512]));
            })
            .compose(fits -> {
              ctx.verify(() -> assertEquals(512, fits.bodyAsJsonObject().getInteger("bodyBytes")));
              return client.get("/maintenance").send();
            }))
        .onComplete(ctx.succeeding(down -> ctx.verify(() -> {
          assertEquals(503, down.statusCode());
          assertEquals(new JsonObject().put("message", "Down for maintenance"), down.bodyAsJsonObject());
          ctx.completeNow();
        })));
  }

  private static String sharedLimit(String policy, String redisHost, int redisPort, boolean faultTolerant) {
    String redis = redisHost == null ? "" : ", redis: {host: " + redisHost + ", port: " + redisPort + ", timeout: 500}";
    return KongFiles.globalPlugin("shared", "/shared", "rate-limiting",
        "{minute: 5, policy: %s, fault_tolerant: %s, window_type: sliding%s}".formatted(policy, faultTolerant, redis));
  }

  @Test
  @DisplayName("hold one limit across two gateways sharing Redis: N requests a minute in all, not N each")
  void sharedLimit(Vertx vertx, VertxTestContext ctx) {
    String path = "/shared-" + System.nanoTime();
    String file = sharedLimit("redis", null, 0, false).replace("/shared", path);
    List<Integer> statuses = new ArrayList<>();
    Future.all(fixture.gateway(file), fixture.gateway(file))
        .compose(both -> {
          GatewayClient one = both.resultAt(0);
          GatewayClient two = both.resultAt(1);
          int[] turn = {0};
          return GatewayFixture.sequentially(10, () -> ((turn[0]++ % 2 == 0) ? one : two).get(path).send()
              .onSuccess(r -> statuses.add(r.statusCode())));
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of(200, 200, 200, 200, 200, 429, 429, 429, 429, 429), statuses);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("count requests that arrive together exactly, each on its own count: of 20 at once, 5 pass the limit")
  void simultaneousHits(Vertx vertx, VertxTestContext ctx) {
    String path = "/together-" + System.nanoTime();
    fixture.gateway(redisLimit(path, null, false))
        .compose(gateway -> Future.all(IntStream.range(0, 20)
            .mapToObj(i -> gateway.get(path).send()).toList()))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          List<Integer> statuses = all.<HttpResponse<Buffer>>list().stream()
              .map(HttpResponse::statusCode).sorted().toList();
          assertEquals(5, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
          assertEquals(15, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
          ctx.completeNow();
        })));
  }

  /**
   * A limit of 5 a minute on its own path, counted in this JVM and synced with Redis every 0.1 s, or with no sync rate
   * counted in Redis at every request.
   */
  private static String redisLimit(String path, String redis, boolean synced) {
    String at = redis == null ? "" : ", redis: {host: " + redis.split(":")[0] + ", port: " + redis.split(":")[1]
        + ", timeout: 500}";
    return KongFiles.servicePlugin("synced", path, "rate-limiting", "{minute: 5, policy: redis, fault_tolerant: false, "
        + "%slimit_by: path, path: %s%s}".formatted(synced ? "sync_rate: 0.1, " : "", path, at));
  }

  /** What Redis holds for the limit on {@code path} in this minute's window. */
  private static Future<Long> redisCount(RedisAPI redis, String path) {
    return redis.keys("*:" + path + ":minute:" + System.currentTimeMillis() / 60_000 * 60_000)
        .compose(keys -> keys.size() == 0 ? Future.succeededFuture(0L)
            : redis.get(keys.get(0).toString()).map(count -> count == null ? 0L : count.toLong()));
  }

  private static Future<Void> requests(GatewayClient gateway, String path, int count, List<Integer> statuses) {
    return GatewayFixture.sequentially(count, () -> gateway.get(path).send().onSuccess(r -> statuses.add(r.statusCode())));
  }

  @Test
  @DisplayName("with sync_rate, a gateway's hits join the shared limit at its next sync: a gateway counting in Redis "
      + "then refuses past the limit")
  void syncedLimit(Vertx vertx, VertxTestContext ctx) {
    String path = "/synced-" + System.nanoTime();
    List<Integer> statuses = new ArrayList<>();
    RedisAPI redis = RedisAPI.api(TestRedis.client(vertx));
    Future.all(fixture.gateway(redisLimit(path, null, true)), fixture.gateway(redisLimit(path, null, false)))
        .compose(both -> MinuteWindows.clearOfMinuteEdge(vertx).map(both))
        .compose(both -> {
          GatewayClient synced = both.resultAt(0);
          GatewayClient counting = both.resultAt(1);
          return requests(counting, path, 1, statuses)
              .compose(v -> requests(synced, path, 3, statuses))
              .compose(v -> Eventually.untilTrue(vertx, () -> redisCount(redis, path).map(count -> count == 4), 10_000,
                  "the synced gateway's 3 hits added to Redis"))
              .compose(v -> requests(counting, path, 2, statuses));
        })
        .eventually(() -> {
          redis.close();
          return Future.succeededFuture();
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of(200, 200, 200, 200, 200, 429), statuses);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("with sync_rate and Redis down, requests never wait on Redis: the limit holds in each gateway alone")
  void syncedLimitRedisDown(Vertx vertx, VertxTestContext ctx) {
    String path = "/synced-down-" + System.nanoTime();
    List<Integer> statuses = new ArrayList<>();
    fixture.gateway(redisLimit(path, "127.0.0.1:" + Ports.free("127.0.0.1"), true))
        .compose(gateway -> MinuteWindows.clearOfMinuteEdge(vertx).compose(v -> requests(gateway, path, 7, statuses)))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of(200, 200, 200, 200, 200, 429, 429), statuses);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("with Redis down count in the JVM when fault tolerant (the limit still holds), and refuse requests when not")
  void redisDown(Vertx vertx, VertxTestContext ctx) {
    int dead = Ports.free("127.0.0.1");
    List<String> answers = new ArrayList<>();
    fixture.gateway(sharedLimit("redis", "127.0.0.1", dead, true))
        .compose(tolerant -> GatewayFixture.sequentially(6, () -> tolerant.get("/shared").send()
            .onSuccess(r -> answers.add(r.statusCode() + " " + r.getHeader("X-RateLimit-Remaining-Minute")))))
        .compose(counted -> {
          ctx.verify(() -> assertEquals(List.of("200 4", "200 3", "200 2", "200 1", "200 0", "429 0"), answers,
              "five a minute, counted in the JVM"));
          return fixture.gateway(sharedLimit("redis", "127.0.0.1", dead, false));
        })
        .compose(strict -> strict.get("/shared").send())
        .onComplete(ctx.succeeding(refused -> ctx.verify(() -> {
          assertEquals(500, refused.statusCode());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("streams a 200 MB answer through without holding it, and cuts off an upload without a length at the limit")
  void streaming(Vertx vertx, VertxTestContext ctx) {
    long size = 200L * 1024 * 1024;
    HttpClient http = vertx.createHttpClient();
    long[] received = {0};
    long[] checksum = {0};
    fixture.gateway(KongFiles.ROUTES.replace("NOWHERE", "1"))
        .compose(client -> http.request(HttpMethod.GET, client.port(), "127.0.0.1", "/echo/big?bytes=" + size)
            .compose(request -> request.send())
            .compose(response -> {
              response.handler(chunk -> {
                for (int i = 0; i < chunk.length(); i++) {
                  checksum[0] += chunk.getUnsignedByte(i) == ((received[0] + i) & 0xFF) ? 0 : 1;
                }
                received[0] += chunk.length();
              });
              return response.end();
            })
            .compose(done -> http.request(HttpMethod.POST, client.port(), "127.0.0.1", "/small"))
            .compose(upload -> {
              upload.setChunked(true);
              upload.write(Buffer.buffer(new byte[800]));
              vertx.setTimer(50, t -> upload.write(Buffer.buffer(new byte[800])));
              return upload.response();
            }))
        .onComplete(ctx.succeeding(cut -> ctx.verify(() -> {
          assertEquals(size, received[0]);
          assertEquals(0, checksum[0], "every byte arrived as sent, in order");
          assertEquals(413, cut.statusCode());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("retries an idempotent request while the upstream cannot be reached, and not a POST")
  void retries(Vertx vertx, VertxTestContext ctx) {
    int port = Ports.free("127.0.0.1");
    String file = """
        _format_version: "3.0"
        services:
          - name: late
            url: http://127.0.0.1:%d
            retries: 20
            routes: [{name: late, paths: [/late]}]
        """.formatted(port);
    fixture.gateway(file)
        .compose(client -> {
          Future<HttpResponse<Buffer>> get = client.get("/late").send();
          // the POST, sent after the GET, is refused on its one try: the upstream was down for the GET's first try
          // too; it starts listening then, while the GET is being retried
          Future<HttpResponse<Buffer>> post = client.request(HttpMethod.POST, "/late").sendBuffer(Buffer.buffer("x"))
              .compose(refused -> vertx.createHttpServer().requestHandler(r -> r.response().end("up"))
                  .listen(port, "127.0.0.1").map(refused));
          return Future.all(post, get);
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertEquals(502, ((HttpResponse<?>) both.resultAt(0)).statusCode(), "a POST is not repeated");
          HttpResponse<?> get = both.resultAt(1);
          assertEquals(200, get.statusCode());
          assertEquals("up", get.bodyAsString());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("opens the circuit of a failing upstream: after five failures it answers 503 at once")
  void circuitBreaker(Vertx vertx, VertxTestContext ctx) {
    List<Integer> statuses = new ArrayList<>();
    fixture.gateway(KongFiles.ROUTES.replace("NOWHERE", String.valueOf(Ports.free("127.0.0.1"))))
        .compose(client -> GatewayFixture.sequentially(7, () -> client.request(HttpMethod.POST, "/nowhere").send()
            .onSuccess(r -> statuses.add(r.statusCode()))))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of(502, 502, 502, 502, 502, 503, 503), statuses);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("reload a changed file while running; a new version that does not validate is refused, the old one stays")
  void reload(Vertx vertx, VertxTestContext ctx) {
    Path file = dir.resolve("reloaded.yaml");
    String version = """
        _format_version: "3.0"
        services:
          - name: status
            url: UPSTREAM
            routes: [{name: status, paths: [/status]}]
            plugins: [{name: request-termination, config: {status_code: 200, message: %s}}]
        """;
    fixture.write(file, version.formatted("first"));
    fixture.gateway(file)
        .compose(client -> message(client).compose(first -> {
          ctx.verify(() -> assertEquals("first", first));
          fixture.write(file, version.formatted("second"));
          return fixture.until(() -> message(client), "second");
        }).compose(second -> {
          fixture.write(file, version.formatted("third").replace("status_code: 200", "status_code: two hundred"));
          return vertx.timer(2_500).compose(t -> message(client));
        }))
        .onComplete(ctx.succeeding(kept -> ctx.verify(() -> {
          assertEquals("second", kept, "the broken version was refused");
          ctx.completeNow();
        })));
  }

  private static Future<String> message(GatewayClient client) {
    return client.get("/status").send().map(r -> r.bodyAsJsonObject().getString("message"));
  }
}
