package com.medcontracthub.realtime.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.OpportunityChanges;
import com.medcontracthub.codecs.RealtimeRooms;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.codecs.bridge.TcpFrames;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.realtime.RealtimeFixture;
import com.medcontracthub.testkit.BridgeClient;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.ForgedTokens;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The event-bus bridges as clients use them: who may do what, what they see live, and what they recover. */
@ExtendWith(VertxExtension.class)
@DisplayName("Realtime bridge")
class BridgeTest {

  private static RealtimeFixture f;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    f = RealtimeFixture.start(vertx, Map.of());
  }

  /** Waits until the bridge has handled every earlier frame of this client: a later request is answered after them. */
  private static Future<JsonObject> settled(BridgeClient client, String token) {
    return client.next(client.request(f.notes(), token, new JsonObject().put("action", "load")));
  }

  private static Future<JsonObject> refusal(BridgeClient client, String address, int code, String reason) {
    return client.next(frame -> "err".equals(frame.getString("type")) && address.equals(frame.getString("address"))
        && frame.getInteger("failureCode") == code && frame.getString("message").startsWith(reason));
  }

  private static Future<JsonObject> message(BridgeClient client, String address) {
    return client.next(frame -> "rec".equals(frame.getString("type")) && address.equals(frame.getString("address")));
  }

  @Test
  @DisplayName("a socket without a token, or with a forged one (unsigned, tampered, another key, HS256 with the public "
      + "key, expired, another issuer or audience, not yet valid, an unknown key id), may not register, on WebSocket and "
      + "TCP alike, and hears the same refusal whatever was wrong")
  void tokens(Vertx vertx, VertxTestContext ctx) throws Exception {
    Map<String, String> forged = new LinkedHashMap<>(ForgedTokens.from(vertx, f.a1().token(), f.keyDir()));
    forged.put("not a token at all", "not-a-jwt");
    String address = "user." + f.a1().id() + ".notifications";
    List<String> refused = new CopyOnWriteArrayList<>();
    Future.all(f.ws(vertx), f.tcp(vertx)).compose(clients -> {
      Future<?> checked = Future.succeededFuture();
      for (int i = 0; i < 2; i++) {
        BridgeClient client = clients.resultAt(i);
        String door = i == 0 ? "WebSocket" : "TCP";
        checked = checked.compose(v -> {
          client.register(address, null);
          return refusal(client, address, 401, "not_logged_in");
        });
        for (Map.Entry<String, String> forgery : forged.entrySet()) {
          checked = checked.compose(v -> {
            client.register(address, forgery.getValue());
            return refusal(client, address, 401, "").map(frame -> {
              refused.add(door + ", " + forgery.getKey() + ": " + frame.getString("message"));
              return frame;
            });
          });
        }
        // signed as the forgeries are, nothing changed: accepted (settled answers, no refusal came before it)
        checked = checked.compose(v -> {
          try {
            String resigned = ForgedTokens.resigned(vertx, f.a1().token(), f.keyDir());
            client.register(address, resigned);
            return settled(client, resigned).map(frame -> {
              if ("err".equals(frame.getString("type"))) {
                throw new AssertionError(door + ": the re-signed token was refused: " + frame.encode());
              }
              return frame;
            });
          } catch (Exception e) {
            return Future.failedFuture(e);
          }
        }).eventually(client::close);
      }
      return checked;
    }).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertEquals(2 * forged.size(), refused.size(), refused::toString);
      refused.forEach(each -> assertTrue(each.endsWith(": invalid_token"), "no hint of what was wrong: " + each));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("other users' and tenants' addresses, look-alike addresses and internal addresses are refused")
  void escapes(Vertx vertx, VertxTestContext ctx) {
    String token = f.a1().token();
    String tenantA = f.a1().tenant();
    List<String> denied = List.of(
        "user." + f.b1().id() + ".notifications",
        "user." + f.a2().id() + ".notifications",
        "tenant." + f.b1().tenant() + ".notifications",
        "tenant." + tenantA.substring(0, 8) + ".notifications",
        "tenant." + tenantA + "0.notifications",
        "tenant." + tenantA + ".notifications.x",
        "tenant." + tenantA + ".*",
        "tenant.*.notifications",
        "rt.tenant." + tenantA + ".opportunity." + f.notice + ".comments",
        "opportunity.no-such-" + f.suffix + ".comments",
        "opportunity." + f.notice + ".secrets",
        "opportunities.search",
        "identity.users.list");
    f.ws(vertx).compose(client -> {
      Future<?> chain = Future.succeededFuture();
      for (String address : denied) {
        chain = chain.compose(v -> {
          client.register(address, token);
          return refusal(client, address, 403, "access_denied");
        });
      }
      return chain
          .compose(v -> {
            String reply = client.request("comments.add", token, new JsonObject().put("text", "sneaky"));
            return refusal(client, reply, 403, "access_denied");
          })
          .compose(v -> {
            String reply = client.request(f.comments().replace(f.notice, "no-such-" + f.suffix), token,
                new JsonObject().put("text", "on nothing"));
            return refusal(client, reply, 403, "access_denied");
          })
          .compose(v -> {
            client.send(new JsonObject().put("type", "publish").put("address", f.comments())
                .put("headers", new JsonObject().put("Authorization", "Bearer " + token))
                .put("body", new JsonObject().put("text", "to all")));
            return refusal(client, f.comments(), 403, "access_denied");
          })
          .compose(v -> {
            // the legitimate addresses are accepted: nothing is refused before the settled answer
            client.register("tenant." + tenantA + ".notifications", token);
            client.register("user." + f.a1().id() + ".notifications", token);
            String reply = client.request(f.notes(), token, new JsonObject().put("action", "load"));
            return client.next(frame -> true).map(first -> {
              ctx.verify(() -> assertEquals(reply, first.getString("address"), first::encode));
              return first;
            });
          })
          .eventually(client::close);
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a user removed by their admin is disconnected from the bridge at once")
  void revoked(Vertx vertx, VertxTestContext ctx) {
    f.ws(vertx).compose(client -> {
      client.register(f.comments(), f.a3().token());
      return settled(client, f.a3().token())
          .compose(v -> vertx.eventBus().request(Addresses.IDENTITY_USERS_REMOVE, new JsonObject()
              .put("principal", f.a1().principal()).put("path", new JsonObject().put("id", f.a3().id()))))
          .compose(removed -> client.closed());
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("oversized, malformed, off-schema and too frequent frames are refused")
  void limits(Vertx vertx, VertxTestContext ctx) {
    String token = f.a1().token();
    f.ws(vertx).compose(client -> {
      client.sendRaw("{\"type\":\"send\",\"address\":\"x\",\"body\":\"" + "x".repeat(70_000) + "\"}");
      return client.next(frame -> "frame_too_large".equals(frame.getString("message")))
          .compose(v -> badFramesRefused(client, token))
          .eventually(client::close);
    }).onComplete(ctx.succeedingThenComplete());
  }

  /** Malformed, off-schema and too frequent frames, each refused with its reason, on a connection that stays open. */
  private static Future<JsonObject> badFramesRefused(BridgeClient client, String token) {
    client.sendRaw("{not json");
    return client.next(frame -> "invalid_json".equals(frame.getString("message")))
        .compose(v -> {
          String reply = client.request(f.comments(), token, new JsonObject().put("text", 5));
          return refusal(client, reply, 400, "body/text");
        })
        .compose(v -> {
          String reply = client.request(f.comments(), token, new JsonObject().put("text", "hi").put("admin", true));
          return refusal(client, reply, 400, "body");
        })
        .compose(v -> {
          for (int i = 0; i < 150; i++) {
            client.send(new JsonObject().put("type", "ping"));
          }
          return client.next(frame -> "rate_limited".equals(frame.getString("message")));
        });
  }

  @Test
  @DisplayName("a comment is stored, acknowledged with its id, seen once live by the tenant, and never by another tenant")
  void comments(Vertx vertx, VertxTestContext ctx) {
    Future.all(f.ws(vertx), f.ws(vertx), f.ws(vertx)).compose(clients -> {
      BridgeClient a1 = clients.resultAt(0);
      BridgeClient a2 = clients.resultAt(1);
      BridgeClient b1 = clients.resultAt(2);
      a2.register(f.comments(), f.a2().token());
      a2.register(f.comments(), f.a2().token());
      b1.register(f.comments(), f.b1().token());
      return Future.all(settled(a2, f.a2().token()), settled(b1, f.b1().token()))
          .compose(v -> a1.next(a1.request(f.comments(), f.a1().token(), new JsonObject().put("text", "first"))))
          .compose(ack -> message(a2, f.comments()).map(live -> {
            ctx.verify(() -> {
              assertEquals("first", ack.getJsonObject("body").getString("text"));
              assertEquals(ack.getJsonObject("body").getLong("id"), live.getJsonObject("body").getLong("id"));
              assertEquals(f.a1().id(), live.getJsonObject("body").getString("userId"));
            });
            return ack;
          }))
          .compose(v -> a1.next(a1.request(f.comments(), f.a1().token(), new JsonObject().put("text", "second"))))
          .compose(v -> message(a2, f.comments()))
          .compose(next -> {
            ctx.verify(() -> assertEquals("second", next.getJsonObject("body").getString("text"),
                "registered twice, the first comment must not come twice"));
            return b1.next(b1.request(f.comments(), f.b1().token(), new JsonObject().put("text", "tenant B")));
          })
          .compose(v -> message(b1, f.comments()))
          .onSuccess(first -> ctx.verify(() -> assertEquals("tenant B", first.getJsonObject("body").getString("text"),
              "tenant B sees only its own comments")))
          .eventually(() -> Future.join(a1.close(), a2.close(), b1.close()));
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("a comment sent again with its opId (as after a lost answer) is stored and shown once and answered as "
      + "the first time; the same opId on another comment is refused")
  void commentSentAgain(Vertx vertx, VertxTestContext ctx) {
    JsonObject comment = new JsonObject().put("text", "once " + f.suffix).put("opId", "op-" + f.suffix);
    Future.all(f.ws(vertx), f.ws(vertx)).compose(clients -> {
      BridgeClient a1 = clients.resultAt(0);
      BridgeClient a2 = clients.resultAt(1);
      a2.register(f.comments(), f.a2().token());
      return settled(a2, f.a2().token())
          .compose(v -> a1.next(a1.request(f.comments(), f.a1().token(), comment)))
          .compose(first -> a1.next(a1.request(f.comments(), f.a1().token(), comment)).map(again -> {
            ctx.verify(() -> assertEquals(first.getJsonObject("body"), again.getJsonObject("body"),
                "answered the stored comment"));
            return again;
          }))
          .compose(v -> refusal(a1, a1.request(f.comments(), f.a1().token(),
              comment.copy().put("text", "another")), 409, "opId: already used for another comment"))
          .compose(v -> a1.next(a1.request(f.comments(), f.a1().token(), new JsonObject().put("text", "after"))))
          .compose(v -> message(a2, f.comments()))
          .compose(shown -> message(a2, f.comments()).map(next -> List.of(shown, next)))
          .onSuccess(shown -> ctx.verify(() -> assertEquals(List.of("once " + f.suffix, "after"),
              shown.stream().map(m -> m.getJsonObject("body").getString("text")).toList(), "shown once, then the next")))
          .eventually(() -> Future.join(a1.close(), a2.close()));
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("presence: users see each other, and a program whose connection drops is gone at once with all it held")
  void presence(Vertx vertx, VertxTestContext ctx) {
    released(vertx, "the sockets of earlier tests released")
        .compose(none -> Future.all(f.ws(vertx), f.tcp(vertx)))
        .compose(clients -> {
          BridgeClient a1 = clients.resultAt(0);
          BridgeClient a2 = clients.resultAt(1);
          a1.register(f.presence(), f.a1().token());
          return members(a1, 1)
              .compose(v -> {
                a2.register(f.presence(), f.a2().token());
                a2.register(f.comments(), f.a2().token());
                return members(a1, 2);
              })
              .compose(both -> {
                ctx.verify(() -> assertTrue(both.stream().anyMatch(m -> ((JsonObject) m).getString("userId")
                    .equals(f.a2().id())), both::encode));
                return a2.next(a2.request(f.presence(), f.a2().token(), new JsonObject().put("state", "editing")));
              })
              .compose(v -> members(a1, 2, "editing"))
              .compose(v -> a2.close())
              .compose(v -> members(a1, 1))
              .compose(alone -> {
                ctx.verify(() -> assertEquals(f.a1().id(), alone.getJsonObject(0).getString("userId")));
                return a1.close();
              })
              .compose(v -> released(vertx, "every socket, room and connection released"));
        }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("presence: an entry that expired while its socket lived (a refresh held up too long) comes back")
  void presenceHeals(Vertx vertx, VertxTestContext ctx) {
    String entries = "mch:rt:presence:{" + RealtimeRooms.tenantOpportunity(f.a1().tenant(), f.notice, "presence") + "}";
    Redis redis = Redis.createClient(vertx, TestInfrastructure.get().settings().get(ConfigKeys.REDIS_URI));
    f.ws(vertx).compose(a1 -> {
      a1.register(f.presence(), f.a1().token());
      return members(a1, 1)
          // what a refresh later than the entry's expiry meets: the sweep (every second) removed the entry
          .compose(present -> redis.send(Request.cmd(Command.ZRANGE).arg(entries).arg(0).arg(-1)))
          .compose(sockets -> {
            Request expire = Request.cmd(Command.ZADD).arg(entries).arg("XX").arg(0);
            sockets.forEach(socket -> expire.arg(socket.toString()));
            return redis.send(expire);
          })
          .compose(expired -> members(a1, 0))
          .compose(gone -> members(a1, 1))
          .map(back -> {
            ctx.verify(() -> {
              assertEquals(f.a1().id(), back.getJsonObject(0).getString("userId"), back::encode);
              List<Long> versions = a1.seen().stream().filter(frame -> f.presence().equals(frame.getString("address")))
                  .map(frame -> frame.getJsonObject("body").getLong("version")).toList();
              assertEquals(3, versions.size(), versions::toString);
              assertTrue(versions.get(0) < versions.get(1) && versions.get(1) < versions.get(2),
                  "each list is numbered after the one before: " + versions);
            });
            return back;
          })
          .eventually(a1::close);
    }).eventually(redis::close).onComplete(ctx.succeedingThenComplete());
  }

  /** Every test closes the clients it opens, so with none open the bridge holds nothing; a closing takes a moment. */
  @Test
  @DisplayName("presence and notes are a tenant's own: on the same opportunity, users of another tenant are neither seen "
      + "nor shown, and read notes of their own")
  void tenantsApart(Vertx vertx, VertxTestContext ctx) {
    String secret = "tenant A only " + f.suffix;
    released(vertx, "the sockets of earlier tests released")
        .compose(none -> Future.all(f.ws(vertx), f.ws(vertx), f.tcp(vertx)))
        .compose(clients -> {
          BridgeClient a1 = clients.resultAt(0);
          BridgeClient b1 = clients.resultAt(1);
          BridgeClient a2 = clients.resultAt(2);
          a1.register(f.presence(), f.a1().token());
          return members(a1, 1)
              .compose(v -> {
                b1.register(f.presence(), f.b1().token());
                return presenceWith(b1, f.b1().id());
              })
              .compose(theirs -> {
                ctx.verify(() -> assertEquals(List.of(f.b1().id()), userIds(theirs), "tenant B sees only its own"));
                a2.register(f.presence(), f.a2().token());
                return presenceWith(a1, f.a2().id());
              })
              .compose(ours -> {
                ctx.verify(() -> assertEquals(List.of(f.a1().id(), f.a2().id()).stream().sorted().toList(),
                    userIds(ours).stream().sorted().toList(), "tenant A sees only its own"));
                return a1.next(a1.request(f.notes(), f.a1().token(), new JsonObject().put("action", "load")));
              })
              .compose(loaded -> {
                String text = loaded.getJsonObject("body").getString("text");
                JsonArray ops = text.isEmpty() ? new JsonArray().add(secret) : new JsonArray().add(text.length()).add(secret);
                return a1.next(a1.request(f.notes(), f.a1().token(), new JsonObject().put("action", "edit")
                    .put("version", loaded.getJsonObject("body").getInteger("version")).put("ops", ops)
                    .put("opId", UUID.randomUUID().toString())));
              })
              .compose(edited -> {
                ctx.verify(() -> assertEquals("rec", edited.getString("type"), edited::encode));
                return b1.next(b1.request(f.notes(), f.b1().token(), new JsonObject().put("action", "load")));
              })
              .map(theirs -> {
                ctx.verify(() -> assertTrue(!theirs.getJsonObject("body").getString("text").contains(secret),
                    "tenant B's notes hold none of tenant A's: " + theirs.encode()));
                return theirs;
              })
              .eventually(() -> Future.join(a1.close(), b1.close(), a2.close()));
        }).onComplete(ctx.succeedingThenComplete());
  }

  /** The next presence list with this user in it. */
  private static Future<JsonArray> presenceWith(BridgeClient client, String userId) {
    return client.next(frame -> "rec".equals(frame.getString("type")) && f.presence().equals(frame.getString("address"))
            && userIds(frame.getJsonObject("body").getJsonArray("members")).contains(userId))
        .map(frame -> frame.getJsonObject("body").getJsonArray("members"));
  }

  private static List<String> userIds(JsonArray members) {
    return members.stream().map(m -> ((JsonObject) m).getString("userId")).toList();
  }

  @Test
  @DisplayName("on TCP too: malformed, off-schema and too frequent frames are refused, and a frame announced larger "
      + "than the limit is answered 413 and the connection closed before it is read")
  void tcpLimits(Vertx vertx, VertxTestContext ctx) {
    String token = f.a1().token();
    f.tcp(vertx).compose(client -> badFramesRefused(client, token).eventually(client::close)).compose(v -> {
      // a length prefix of 100 MB and nothing after it: refused on the prefix alone
      NetClient raw = vertx.createNetClient();
      Promise<JsonObject> answer = Promise.promise();
      return raw.connect(f.tcpPort(), "127.0.0.1").compose(socket -> {
        Promise<Void> closed = Promise.promise();
        socket.handler(TcpFrames.reader(Integer.MAX_VALUE, frame -> answer.tryComplete(frame.toJsonObject()), n -> { }));
        socket.closeHandler(c -> closed.complete());
        socket.write(Buffer.buffer().appendInt(100_000_000));
        return Future.all(answer.future(), closed.future());
      }).eventually(raw::close).map(both -> answer.future().result());
    }).onComplete(ctx.succeeding(refused -> ctx.verify(() -> {
      assertEquals(List.of(413, "frame_too_large"), List.of(refused.getInteger("failureCode"), refused.getString("message")));
      ctx.completeNow();
    })));
  }

  private static Future<Void> released(Vertx vertx, String what) {
    return Eventually.until(vertx, () -> f.bridge().sockets() == 0 && f.bridge().rooms() == 0 && f.tcpSockets() == 0,
        10_000, what);
  }

  private static Future<JsonArray> members(BridgeClient client, int count) {
    return members(client, count, null);
  }

  /** The next presence list with this many members (and one of them in this state, when given). */
  private static Future<JsonArray> members(BridgeClient client, int count, String state) {
    return client.next(frame -> {
      if (!"rec".equals(frame.getString("type")) || !f.presence().equals(frame.getString("address"))) {
        return false;
      }
      JsonArray members = frame.getJsonObject("body").getJsonArray("members");
      return members.size() == count
          && (state == null || members.stream().anyMatch(m -> state.equals(((JsonObject) m).getString("state"))));
    }).map(frame -> frame.getJsonObject("body").getJsonArray("members"));
  }

  @Test
  @DisplayName("a client that reconnects gets what it missed, in order, without what it had, then live messages")
  void recovery(Vertx vertx, VertxTestContext ctx) {
    List<String> texts = new ArrayList<>();
    Future.all(f.ws(vertx), f.ws(vertx)).compose(clients -> {
      BridgeClient a1 = clients.resultAt(0);
      BridgeClient a2 = clients.resultAt(1);
      a2.register(f.comments(), f.a2().token());
      return settled(a2, f.a2().token())
          .compose(v -> comment(a1, "seen"))
          .compose(v -> message(a2, f.comments()))
          .compose(seen -> {
            String seq = seen.getJsonObject("headers").getString("seq");
            return a2.close().compose(v -> comment(a1, "missed 1")).compose(v -> comment(a1, "missed 2"))
                .compose(v -> f.ws(vertx)).compose(again -> {
                  again.register(f.comments(), f.a2().token(), seq);
                  return settled(again, f.a2().token())
                      .compose(v -> comment(a1, "live"))
                      .compose(v -> collect(again, texts, 3))
                      .eventually(again::close);
                });
          })
          .eventually(a1::close);
    }).onComplete(ctx.succeeding(v -> ctx.verify(() -> {
      assertEquals(List.of("missed 1", "missed 2", "live"), texts);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a message larger than a WebSocket frame arrives whole, with every character, on WebSocket and TCP")
  void largeMessage(Vertx vertx, VertxTestContext ctx) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 150_000; i++) {
      text.append("line ").append(i).append(": naïve café – 医療 ✓\n");
    }
    String room = RealtimeRooms.tenantOpportunity(f.a1().tenant(), f.notice, "comments");
    Future.all(f.ws(vertx), f.tcp(vertx)).compose(clients -> {
      BridgeClient ws = clients.resultAt(0);
      BridgeClient tcp = clients.resultAt(1);
      ws.register(f.comments(), f.a1().token());
      tcp.register(f.comments(), f.a2().token());
      return Future.all(settled(ws, f.a1().token()), settled(tcp, f.a2().token()))
          .compose(v -> vertx.eventBus().request(Addresses.REALTIME_PUSH, new JsonObject().put("room", room)
              .put("body", new JsonObject().put("text", text.toString()))))
          .compose(pushed -> Future.all(ws.next(f.comments()), tcp.next(f.comments())))
          .eventually(() -> Future.join(ws.close(), tcp.close()));
    }).onComplete(ctx.succeeding(both -> ctx.verify(() -> {
      assertEquals(text.toString(), ((JsonObject) both.resultAt(0)).getJsonObject("body").getString("text"), "WebSocket");
      assertEquals(text.toString(), ((JsonObject) both.resultAt(1)).getJsonObject("body").getString("text"), "TCP");
      ctx.completeNow();
    })));
  }

  private static OpportunityChanged change(String change) {
    return OpportunityChanged.newBuilder()
        .setEnvelope(Events.envelope(OpportunityChanged.class, "opportunities", "test", null, f.notice))
        .setNoticeId(f.notice).setChange(change).build();
  }

  @Test
  @DisplayName("an opportunity's viewers see its changes, and nothing of a backfill publishing it again")
  void opportunityChanges(Vertx vertx, VertxTestContext ctx) {
    String events = f.events();
    f.ws(vertx).compose(ws -> {
      ws.register(events, f.a1().token());
      return settled(ws, f.a1().token())
          .compose(v -> vertx.eventBus().request(Addresses.REALTIME_OPPORTUNITY_EVENTS,
              change(OpportunityChanges.REPUBLISHED)))
          .compose(v -> vertx.eventBus().request(Addresses.REALTIME_OPPORTUNITY_EVENTS, change(OpportunityChanges.UPDATED)))
          .compose(v -> message(ws, events))
          .eventually(ws::close);
    }).onComplete(ctx.succeeding(first -> ctx.verify(() -> {
      assertEquals("opportunity.updated", first.getJsonObject("body").getString("type"), first::encode);
      ctx.completeNow();
    })));
  }

  private static Future<JsonObject> comment(BridgeClient client, String text) {
    return client.next(client.request(f.comments(), f.a1().token(), new JsonObject().put("text", text)));
  }

  private static Future<Void> collect(BridgeClient client, List<String> texts, int count) {
    if (count == 0) {
      return Future.succeededFuture();
    }
    return message(client, f.comments()).compose(frame -> {
      texts.add(frame.getJsonObject("body").getString("text"));
      return collect(client, texts, count - 1);
    });
  }
}
