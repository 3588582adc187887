package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.platform.auth.Tokens;
import com.medcontracthub.platform.schema.BodyValidator;
import com.medcontracthub.testkit.BridgeClient;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.ForgedTokens;
import com.medcontracthub.testkit.GatewayClient;
import com.medcontracthub.testkit.MinuteWindows;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@DisplayName("mch up (embedded)")
class EmbeddedSystemIT {

  /** Every embedded port free-picked, so the test runs beside anything else on the machine. */
  static final String[] FREE_PORTS = {"--set", "gateway.port=0", "--set", "embedded.kafka-port=0",
      "--set", "embedded.kafka-controller-port=0", "--set", "embedded.postgres-port=0", "--set", "embedded.redis-port=0",
      "--set", "realtime.tcp-port=0", "--set", "management.port=0"};

  /** Small, so the test can pass it. */
  static final long IMPORT_MAX_BYTES = 65_536;

  @TempDir
  Path dataDir;

  private MchProcess up(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("up", "--data-dir", dataDir.toString()));
    args.addAll(List.of(FREE_PORTS));
    args.addAll(List.of(extra));
    return MchProcess.start(Map.of(), args.toArray(String[]::new));
  }

  /**
   * Through the gateway as a user would: log in as the demo admin, search, get problem responses for bad input, be
   * refused with forged tokens, and lose access once removed.
   */
  private Future<Void> checkApi(Vertx vertx, GatewayClient gateway) {
    return login(gateway, "admin@demo.local", "demo").compose(admin -> gateway.get("/api/v1/opportunities")
        .send().compose(noToken -> {
          assertEquals(401, noToken.statusCode());
          return gateway.get("/api/v1/opportunities?limit=5&naics=339113&active=true").bearerTokenAuthentication(admin)
              .send();
        }).compose(search -> {
          assertEquals(200, search.statusCode(), search.bodyAsString());
          JsonObject page = search.bodyAsJsonObject();
          assertEquals(5, page.getJsonArray("items").size(), "the demo data is searchable");
          page.getJsonArray("items").forEach(o -> assertTrue(((JsonObject) o).getJsonArray("naicsCodes").contains("339113")));
          assertTrue(page.getString("nextCursor") != null);
          return gateway.get("/api/v1/opportunities?limit=abc").bearerTokenAuthentication(admin).send();
        }).compose(bad -> {
          assertEquals(400, bad.statusCode());
          assertEquals("application/problem+json", bad.getHeader("Content-Type"));
          assertEquals("urn:mch:problem:bad-request", bad.bodyAsJsonObject().getString("type"));
          assertTrue(bad.bodyAsJsonObject().getString("detail").startsWith("limit: expected a number"));
          return gateway.get("/api/v1/opportunities/no-such-notice").bearerTokenAuthentication(admin).send();
        }).compose(missing -> {
          assertEquals(404, missing.statusCode());
          assertEquals("urn:mch:problem:not-found", missing.bodyAsJsonObject().getString("type"));
          return forgedTokensRefused(vertx, gateway, admin);
        }).compose(v -> failedLogins(gateway))
        .compose(v -> gateway.request(HttpMethod.POST, "/api/v1/saved-searches").bearerTokenAuthentication(admin)
            .sendJsonObject(new JsonObject().put("name", "gloves").put("filters", new JsonObject().put("q", "gloves"))))
        .compose(saved -> {
          assertEquals(201, saved.statusCode(), saved.bodyAsString());
          return unsubscribePage(gateway, saved.bodyAsJsonObject().getString("id"));
        })
        .compose(v -> login(gateway, "member@demo.local", "demo").compose(member -> gateway.get("/api/v1/saved-searches")
              .bearerTokenAuthentication(member).send()))
        .compose(shared -> {
          assertEquals(200, shared.statusCode());
          assertEquals("gloves", shared.bodyAsJsonObject().getJsonArray("savedSearches").getJsonObject(0)
              .getString("name"), "saved searches are the tenant's");
          return gateway.request(HttpMethod.POST, "/api/v1/users").bearerTokenAuthentication(admin)
              .sendJsonObject(new JsonObject().put("email", "buyer@demo.local"));
        }).compose(invited -> {
          assertEquals(201, invited.statusCode(), invited.bodyAsString());
          JsonObject user = invited.bodyAsJsonObject();
          return login(gateway, "buyer@demo.local", user.getString("password")).compose(buyer ->
              gateway.get("/api/v1/opportunities?limit=1").bearerTokenAuthentication(buyer).send()
                  .compose(allowed -> {
                    assertEquals(200, allowed.statusCode());
                    return gateway.request(HttpMethod.DELETE, "/api/v1/users/" + user.getString("id"))
                        .bearerTokenAuthentication(admin).send();
                  })
                  .compose(removed -> {
                    assertEquals(200, removed.statusCode(), removed.bodyAsString());
                    return gateway.get("/api/v1/opportunities?limit=1").bearerTokenAuthentication(buyer).send();
                  }));
        }).compose(revoked -> {
          assertEquals(401, revoked.statusCode(), "a removed user's token stops working");
          return login(gateway, "member@demo.local", "demo");
        }).compose(member -> uploadImport(gateway, admin, member))
        .compose(v -> pipelineReport(gateway, admin))
        .compose(v -> documents(vertx, gateway, admin))
        .compose(v -> live(vertx, gateway, admin))
        .compose(v -> declaredAnswers(gateway, admin))
        .compose(v -> searchByMeaning(vertx, gateway, admin))
        .compose(v -> teamRoute(vertx, gateway, admin)));
  }

  /**
   * Documents through the gateway: a scanned page uploaded as a form's file is read by the OCR service, its owner reads
   * its text and downloads it; a file that only claims to be a PDF is a 415, a form of two files a 400, and an upload
   * over documents.max-bytes a 413.
   */
  private static Future<Void> documents(Vertx vertx, GatewayClient gateway, String admin) {
    Buffer png;
    try {
      png = ScannedPage.png("Quotes are due by January 15, 2027.");
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    String upload = "/api/v1/opportunities/up-2/documents";
    return gateway.request(HttpMethod.POST, upload + "?fileName=notes.pdf").bearerTokenAuthentication(admin)
        .putHeader("Content-Type", "application/pdf").sendBuffer(Buffer.buffer("just some text"))
        .compose(claimed -> {
          assertEquals(415, claimed.statusCode(), claimed.bodyAsString());
          return gateway.request(HttpMethod.POST, upload).bearerTokenAuthentication(admin)
              .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "a.png", png, "image/png")
                  .binaryFileUpload("more", "b.png", png, "image/png"));
        })
        .compose(two -> {
          assertEquals(400, two.statusCode(), two.bodyAsString());
          assertTrue(two.bodyAsString().contains("one file per upload"), two.bodyAsString());
          return gateway.request(HttpMethod.POST, upload + "?fileName=big.pdf").bearerTokenAuthentication(admin)
              .sendBuffer(Buffer.buffer(new byte[(int) IMPORT_MAX_BYTES + 1]));
        })
        .compose(tooLarge -> {
          assertEquals(413, tooLarge.statusCode(), tooLarge.bodyAsString());
          return gateway.request(HttpMethod.POST, upload).bearerTokenAuthentication(admin)
              .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "samples.png", png, "image/png"));
        })
        .compose(accepted -> {
          assertEquals(202, accepted.statusCode(), accepted.bodyAsString());
          return DocumentStatus.whenRead(vertx, gateway, admin, accepted.bodyAsJsonObject().getString("status"),
              System.currentTimeMillis() + 120_000);
        })
        .compose(read -> {
          assertEquals("processed", read.getString("state"), read::encodePrettily);
          assertEquals("samples.png", read.getString("fileName"));
          assertEquals("image/png", read.getString("mediaType"));
          assertTrue(read.getJsonArray("text").getJsonObject(0).getString("text")
              .contains("Quotes are due by January 15, 2027."), read::encodePrettily);
          return gateway.get(read.getString("file")).bearerTokenAuthentication(admin).send();
        })
        .compose(file -> {
          assertEquals(200, file.statusCode());
          assertEquals("image/png", file.getHeader("Content-Type"));
          assertEquals(png, file.bodyAsBuffer(), "the original, as uploaded");
          return gateway.get(upload).bearerTokenAuthentication(admin).send();
        })
        .map(listed -> {
          assertEquals(200, listed.statusCode(), listed.bodyAsString());
          assertEquals(1, listed.bodyAsJsonObject().getJsonArray("items").size(), listed.bodyAsString());
          return null;
        });
  }


  /**
   * A user turns the weekly report on and makes one now, and downloads its PDF through the gateway; without a token the
   * download is a 401.
   */
  private static Future<Void> pipelineReport(GatewayClient gateway, String admin) {
    return gateway.request(HttpMethod.PUT, "/api/v1/pipeline-emails").bearerTokenAuthentication(admin)
        .sendJsonObject(new JsonObject().put("timeZone", "America/New_York").put("deadlineReminders", true)
            .put("weeklyReport", true))
        .compose(set -> {
          assertEquals(200, set.statusCode(), set.bodyAsString());
          assertEquals("admin@demo.local", set.bodyAsJsonObject().getString("email"));
          return gateway.request(HttpMethod.POST, "/api/v1/reports").bearerTokenAuthentication(admin).send();
        })
        .compose(made -> {
          assertEquals(201, made.statusCode(), made.bodyAsString());
          String file = made.bodyAsJsonObject().getString("file");
          return gateway.get(file).send().compose(anonymous -> {
            assertEquals(401, anonymous.statusCode());
            return gateway.get(file).bearerTokenAuthentication(admin).send();
          });
        })
        .map(pdf -> {
          assertEquals(200, pdf.statusCode(), pdf.bodyAsString());
          assertEquals("application/pdf", pdf.getHeader("Content-Type"));
          assertTrue(pdf.getHeader("Content-Disposition").matches("attachment; filename=\"pipeline-report-[0-9-]+\\.pdf\""),
              pdf.getHeader("Content-Disposition"));
          assertEquals("%PDF-", pdf.bodyAsBuffer().getString(0, 5));
          return null;
        });
  }

  /**
   * A digest's unsubscribe link without logging in: the page asks before it acts (a link scanner changes nothing), and
   * a link whose secret is not the search's stops nothing.
   */
  private static Future<Void> unsubscribePage(GatewayClient gateway, String search) {
    return gateway.get("/alerts/unsubscribe?search=" + search + "&token=guessed").send().compose(page -> {
      assertEquals(200, page.statusCode());
      assertTrue(page.getHeader("Content-Type").startsWith("text/html"));
      assertTrue(page.bodyAsString().contains("<button type=\"submit\">Stop these e-mails</button>"), page.bodyAsString());
      assertTrue(page.bodyAsString().contains("name=\"search\" value=\"" + search + "\""), page.bodyAsString());
      return gateway.request(HttpMethod.POST, "/alerts/unsubscribe")
          .sendForm(MultiMap.caseInsensitiveMultiMap().add("search", search).add("token", "guessed"));
    }).compose(refused -> {
      assertEquals(404, refused.statusCode());
      assertTrue(refused.bodyAsString().contains("This link does not stop any e-mails"), refused.bodyAsString());
      return gateway.request(HttpMethod.POST, "/alerts/unsubscribe")
          .sendForm(MultiMap.caseInsensitiveMultiMap().add("List-Unsubscribe", "One-Click"));
    }).compose(incomplete -> {
      assertEquals(400, incomplete.statusCode(), "no search, no secret");
      // a mail client's one-click unsubscribe posts to the link itself, whose fields are read
      return gateway.request(HttpMethod.POST, "/alerts/unsubscribe?search=" + search + "&token=guessed")
          .sendForm(MultiMap.caseInsensitiveMultiMap().add("List-Unsubscribe", "One-Click"));
    }).map(oneClick -> {
      assertEquals(404, oneClick.statusCode(), "the link's own secret is checked: a guessed one stops nothing");
      return null;
    });
  }

  /** A team's own declarative file: a feed for logged-in users, limited per user to 2 requests a minute. */
  static final String TEAM_FILE = """
      _format_version: "3.0"
      services:
        - name: team-feed
          url: eventbus://opportunities.search
          routes: [{name: team-feed, paths: ["~/team/feed$"], methods: [GET]}]
          plugins:
            - {name: mch-auth}
            - {name: rate-limiting, config: {minute: 2, limit_by: consumer}}
      """;

  /**
   * A team's file routes to the product's services behind the product's login, and its limit per consumer counts each
   * user apart (every request here comes from the same address).
   */
  private static Future<Void> teamRoute(Vertx vertx, GatewayClient gateway, String admin) {
    List<Integer> statuses = new ArrayList<>();
    Future<Void> chain = MinuteWindows.clearOfMinuteEdge(vertx).compose(v -> gateway.get("/team/feed").send())
        .map(anonymous -> {
          statuses.add(anonymous.statusCode());
          return null;
        });
    for (int i = 0; i < 3; i++) {
      chain = chain.compose(v -> gateway.get("/team/feed?limit=1").bearerTokenAuthentication(admin).send()
          .map(answer -> statuses.add(answer.statusCode())).mapEmpty());
    }
    return chain.compose(v -> login(gateway, "member@demo.local", "demo"))
        .compose(member -> gateway.get("/team/feed?limit=1").bearerTokenAuthentication(member).send())
        .map(member -> {
          statuses.add(member.statusCode());
          assertEquals(List.of(401, 200, 200, 429, 200), statuses);
          return null;
        });
  }

  /**
   * The AI service indexes the demo notices as their events come from Kafka: a search in words no title uses finds
   * the gloves, with their passage; a notice's similar ones are other notices; a search without words is a 400.
   */
  private static Future<Void> searchByMeaning(Vertx vertx, GatewayClient gateway, String admin) {
    String search = "/api/v1/ai/search?limit=5&q=" + URLEncoder.encode("hand protection for nurses",
        StandardCharsets.UTF_8);
    AtomicReference<JsonObject> top = new AtomicReference<>();
    return Eventually.untilTrue(vertx, () -> gateway.get(search).bearerTokenAuthentication(admin).send().map(found -> {
          assertEquals(200, found.statusCode(), found.bodyAsString());
          JsonArray hits = found.bodyAsJsonObject().getJsonArray("hits");
          if (hits.size() < 5) {
            return false;
          }
          top.set(hits.getJsonObject(0));
          return true;
        }), 120_000, "the demo notices in the AI index")
        .compose(v -> {
          assertTrue(top.get().getString("title").startsWith("Nitrile examination gloves"), top.get().encode());
          assertEquals(top.get().getString("title"), top.get().getString("passage"),
              "a demo notice's description is SAM.gov's link: its title is its text");
          return gateway.get("/api/v1/ai/opportunities/" + top.get().getString("noticeId") + "/similar?limit=3")
              .bearerTokenAuthentication(admin).send();
        })
        .compose(similar -> {
          assertEquals(200, similar.statusCode(), similar.bodyAsString());
          JsonArray hits = similar.bodyAsJsonObject().getJsonArray("hits");
          assertEquals(3, hits.size());
          hits.forEach(hit -> assertNotEquals(top.get().getString("noticeId"), ((JsonObject) hit).getString("noticeId")));
          return gateway.get("/api/v1/ai/search?mode=semantic").bearerTokenAuthentication(admin).send();
        })
        .map(missing -> {
          assertEquals(400, missing.statusCode());
          assertEquals("q: what to search for is required", missing.bodyAsJsonObject().getString("detail"));
          return null;
        });
  }

  /**
   * What {@code /openapi.json} says of the API is what it does: every operation of the API file carries its service's
   * summary and answer schema, and the read routes' answers, on the data the checks above made, fit them.
   */
  private static Future<Void> declaredAnswers(GatewayClient gateway, String admin) {
    return gateway.get("/openapi.json").send().compose(document -> {
      JsonObject paths = document.bodyAsJsonObject().getJsonObject("paths");
      Set<String> inCode = Set.of("/api/v1/auth/login", "/api/v1/opportunities/import", "/api/v1/reports/{id}/file",
          "/api/v1/documents/{id}/file");
      paths.fieldNames().stream().filter(path -> path.startsWith("/api/v1/") && !inCode.contains(path)).forEach(path ->
          paths.getJsonObject(path).forEach(operation -> {
            JsonObject declared = (JsonObject) operation.getValue();
            assertFalse(declared.getString("summary").startsWith("route "), operation.getKey() + " " + path);
            assertNotNull(answerSchema(declared), operation.getKey() + " " + path + " declares its answer");
            if (path.equals("/api/v1/saved-searches") && operation.getKey().equals("post")) {
              assertTrue(declared.getJsonObject("responses").containsKey("201"), declared::encode);
            }
          }));
      List<String[]> reads = List.of(
          new String[] {"/api/v1/opportunities?limit=3&q=wound", "/api/v1/opportunities"},
          new String[] {"/api/v1/opportunities/up-2", "/api/v1/opportunities/{id}"},
          new String[] {"/api/v1/opportunities/up-2/comments", "/api/v1/opportunities/{id}/comments"},
          new String[] {"/api/v1/pipeline/up-2", "/api/v1/pipeline/{opportunityId}"},
          new String[] {"/api/v1/notifications", "/api/v1/notifications"},
          new String[] {"/api/v1/saved-searches", "/api/v1/saved-searches"},
          new String[] {"/api/v1/users", "/api/v1/users"},
          new String[] {"/api/v1/pipeline-emails", "/api/v1/pipeline-emails"},
          new String[] {"/api/v1/reports", "/api/v1/reports"},
          new String[] {"/api/v1/opportunities/up-2/documents", "/api/v1/opportunities/{id}/documents"});
      Future<Void> chain = Future.succeededFuture();
      for (String[] read : reads) {
        chain = chain.compose(v -> gateway.get(read[0]).bearerTokenAuthentication(admin).send().map(answer -> {
          assertEquals(200, answer.statusCode(), read[0] + ": " + answer.bodyAsString());
          JsonObject body = answer.bodyAsJsonObject();
          assertFalse(body.isEmpty() || body.getJsonArray("items", new JsonArray().add(1)).isEmpty(),
              read[0] + " answers something to check: " + body.encode());
          assertNull(new BodyValidator(answerSchema(paths.getJsonObject(read[1]).getJsonObject("get")))
              .problem(body), read[0]);
          return null;
        }));
      }
      return chain;
    });
  }

  /** The schema of the operation's success (its one 2xx answer). */
  private static JsonObject answerSchema(JsonObject operation) {
    JsonObject responses = operation.getJsonObject("responses");
    String success = responses.fieldNames().stream().filter(status -> status.startsWith("2")).findFirst().orElseThrow();
    JsonObject json = responses.getJsonObject(success).getJsonObject("content", new JsonObject())
        .getJsonObject("application/json");
    return json == null ? null : json.getJsonObject("schema");
  }

  /**
   * Over the gateway's bridge at /eventbus, as the browser client: a comment is acknowledged and listed by the REST
   * API; an import's progress reaches the admin who started it, and the changes it makes reach the tenant's
   * notification tray live, from Kafka: a notice in the tenant's pipeline changed (also shown to its viewers) and a
   * new notice one of the tenant's saved searches lists.
   */
  private static Future<Void> live(Vertx vertx, GatewayClient gateway, String admin) {
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(admin.split("\\.")[1]), StandardCharsets.UTF_8));
    String events = "opportunity.up-2.events";
    String notifications = "tenant." + claims.getString("tenant") + ".notifications";
    String mine = "user." + claims.getString("sub") + ".notifications";
    String comments = "opportunity.up-2.comments";
    return BridgeClient.webSocket(vertx, gateway.port()).compose(client -> {
      client.register(events, admin);
      client.register(notifications, admin);
      client.register(mine, admin);
      return client.next(client.request(comments, admin, new JsonObject().put("text", "Worth a bid?")))
          .compose(ack -> {
            assertEquals("Worth a bid?", ack.getJsonObject("body").getString("text"), ack::encode);
            return gateway.get("/api/v1/opportunities/up-2/comments").bearerTokenAuthentication(admin).send();
          })
          .compose(listed -> {
            assertEquals(200, listed.statusCode(), listed.bodyAsString());
            assertEquals("Worth a bid?", listed.bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("text"));
            return gateway.request(HttpMethod.PUT, "/api/v1/pipeline/up-2").bearerTokenAuthentication(admin)
                .sendJsonObject(new JsonObject().put("stage", "bidding").put("expectedVersion", 0));
          })
          .compose(moved -> {
            assertEquals(200, moved.statusCode(), moved.bodyAsString());
            return gateway.request(HttpMethod.POST, "/api/v1/saved-searches").bearerTokenAuthentication(admin)
                .sendJsonObject(new JsonObject().put("name", "hyperbaric")
                    .put("filters", new JsonObject().put("q", "hyperbaric chamber")));
          })
          .compose(saved -> {
            assertEquals(201, saved.statusCode(), saved.bodyAsString());
            return gateway.request(HttpMethod.POST, "/api/v1/opportunities/import").bearerTokenAuthentication(admin)
                .sendBuffer(Buffer.buffer("{\"noticeId\": \"up-2\", \"title\": \"Wound dressings, sterile\", "
                    + "\"postedDate\": \"2024-04-03\", \"solicitationNumber\": \"UP-1\"}\n"
                    + "{\"noticeId\": \"up-9\", \"title\": \"Hyperbaric chamber service\", \"postedDate\": \"2024-04-05\"}\n"));
          })
          .compose(imported -> {
            assertEquals(200, imported.statusCode(), imported.bodyAsString());
            String job = imported.bodyAsJsonObject().getString("jobId");
            return client.next(frame -> mine.equals(frame.getString("address"))
                    && job.equals(frame.getJsonObject("body").getString("jobId"))
                    && "finished".equals(frame.getJsonObject("body").getString("state")))
                .map(finished -> {
                  JsonObject progress = finished.getJsonObject("body");
                  assertEquals("opportunities.import", progress.getString("job"), progress::encode);
                  assertEquals(2, progress.getLong("done"), progress::encode);
                  assertEquals(1, progress.getJsonObject("summary").getInteger("inserted"), progress::encode);
                  assertEquals(1, progress.getJsonObject("summary").getInteger("updated"), progress::encode);
                  return finished;
                });
          })
          .compose(finished -> client.next(frame -> notifications.equals(frame.getString("address"))
              && "saved-search.match".equals(frame.getJsonObject("body").getString("kind"))
              && "up-9".equals(frame.getJsonObject("body").getString("noticeId"))))
          .compose(matched -> {
            assertEquals("hyperbaric", matched.getJsonObject("body").getJsonObject("detail").getString("savedSearch"));
            return client.next(frame -> events.equals(frame.getString("address"))
                && "opportunity.updated".equals(frame.getJsonObject("body").getString("type")));
          })
          .compose(changed -> client.next(frame -> notifications.equals(frame.getString("address"))
              && "opportunity.updated".equals(frame.getJsonObject("body").getString("kind"))))
          .map(notified -> {
            assertEquals("opportunity.updated", notified.getJsonObject("body").getString("kind"), notified::encode);
            assertEquals("Wound dressings, sterile",
                notified.getJsonObject("body").getJsonObject("detail").getString("title"));
            return null;
          })
          .eventually(client::close);
    }).mapEmpty();
  }

  /**
   * A tenant admin uploads a SAM.gov file; a member may not; a file that is not JSON all through is a 400 naming where,
   * and none of it is written; an upload over import.max-bytes is refused.
   */
  private static Future<Void> uploadImport(GatewayClient gateway, String admin, String member) {
    Buffer file = Buffer.buffer("""
        {"noticeId": "up-1", "title": "Wound dressings", "postedDate": "2024-04-01", "solicitationNumber": "UP-1"}
        {"noticeId": "up-2", "title": "Wound dressings (Amendment 1)", "postedDate": "2024-04-03", "solicitationNumber": "UP-1"}
        {"noticeId": "up-3", "postedDate": "2024-04-01"}
        """);
    String path = "/api/v1/opportunities/import";
    return gateway.request(HttpMethod.POST, path).bearerTokenAuthentication(member).sendBuffer(file)
        .compose(refused -> {
          assertEquals(403, refused.statusCode(), refused.bodyAsString());
          return gateway.request(HttpMethod.POST, path).bearerTokenAuthentication(admin)
              .sendBuffer(Buffer.buffer("garbage"));
        }).compose(garbage -> {
          assertEquals(400, garbage.statusCode(), garbage.bodyAsString());
          assertEquals("application/problem+json", garbage.getHeader("Content-Type"));
          assertTrue(garbage.bodyAsJsonObject().getString("detail").startsWith("malformed JSON at line 1, column 8"),
              garbage.bodyAsString());
          return gateway.request(HttpMethod.POST, path).bearerTokenAuthentication(admin).sendBuffer(Buffer.buffer(
              "{\"opportunitiesData\": [{\"noticeId\": \"up-cut\", \"title\": \"Gauze\", \"postedDate\": \"2024-04-01\"},"));
        }).compose(cutOff -> {
          assertEquals(400, cutOff.statusCode(), cutOff.bodyAsString());
          assertTrue(cutOff.bodyAsJsonObject().getString("detail").contains("nothing was imported"), cutOff.bodyAsString());
          return gateway.get("/api/v1/opportunities/up-cut").bearerTokenAuthentication(admin).send();
        }).compose(notWritten -> {
          assertEquals(404, notWritten.statusCode(), "the record before the cut was not written either");
          return gateway.request(HttpMethod.POST, path).bearerTokenAuthentication(admin).sendBuffer(file);
        }).compose(imported -> {
          assertEquals(200, imported.statusCode(), imported.bodyAsString());
          JsonObject report = imported.bodyAsJsonObject();
          assertEquals(3, report.getInteger("records"), report::encode);
          assertEquals(2, report.getInteger("inserted"), report::encode);
          assertEquals(1, report.getInteger("rejected"), report::encode);
          assertEquals(1, report.getInteger("amendmentsLinked"), report::encode);
          assertEquals("title: missing", report.getJsonArray("rejections").getJsonObject(0).getString("reason"));
          return gateway.get("/api/v1/opportunities/up-2").bearerTokenAuthentication(member).send();
        }).compose(found -> {
          assertEquals(200, found.statusCode(), found.bodyAsString());
          assertEquals("Wound dressings (Amendment 1)", found.bodyAsJsonObject().getString("title"));
          return gateway.request(HttpMethod.POST, path).bearerTokenAuthentication(admin)
              .sendBuffer(Buffer.buffer(new byte[(int) IMPORT_MAX_BYTES + 1]));
        }).map(tooLarge -> {
          assertEquals(413, tooLarge.statusCode(), tooLarge.bodyAsString());
          assertEquals("application/problem+json", tooLarge.getHeader("Content-Type"));
          return null;
        });
  }

  private static Future<String> login(GatewayClient gateway, String email, String password) {
    return gateway.request(HttpMethod.POST, "/api/v1/auth/login")
        .sendJsonObject(new JsonObject().put("email", email).put("password", password))
        .map(response -> {
          assertEquals(200, response.statusCode(), response.bodyAsString());
          assertEquals("Bearer", response.bodyAsJsonObject().getString("token_type"));
          return response.bodyAsJsonObject().getString("access_token");
        });
  }

  /**
   * {@code mch keys rotate} in a second JVM while the system runs: the gateway publishes both keys within
   * auth.key-check-ms, a token from before the rotation still works, and a new login's token carries the new key.
   */
  private Future<Void> keysRotated(Vertx vertx, GatewayClient gateway) {
    return login(gateway, "admin@demo.local", "demo").compose(before -> vertx.executeBlocking(() -> {
          MchProcess rotate = MchProcess.start(Map.of(), "keys", "rotate", "--data-dir", dataDir.toString());
          assertEquals(0, rotate.awaitExit(60), rotate.stderr());
          Matcher kid = Pattern.compile("signing with key (\\S+) in").matcher(rotate.stdout());
          assertTrue(kid.find(), rotate.stdout());
          return kid.group(1);
        })
        .compose(newKid -> Eventually.untilTrue(vertx, () -> gateway.get("/.well-known/jwks.json").send()
                .map(jwks -> jwks.bodyAsJsonObject().getJsonArray("keys").size() == 2), 10_000, "both keys published")
            .compose(v -> gateway.get("/api/v1/opportunities?limit=1").bearerTokenAuthentication(before).send())
            .compose(old -> {
              assertEquals(200, old.statusCode(), "a token from before the rotation still works: " + old.bodyAsString());
              return login(gateway, "admin@demo.local", "demo");
            })
            .compose(after -> vertx.executeBlocking(() -> {
              String header = new String(Base64.getUrlDecoder().decode(after.split("\\.")[0]), StandardCharsets.UTF_8);
              assertEquals(newKid, new JsonObject(header).getString("kid"), "a new login signs with the new key");
              relyingPartyAgrees(gateway.port(), before, after);
              return null;
            }))));
  }

  /**
   * jose, reading the gateway's discovery and JWK Set, verifies the tokens of both keys and refuses one whose claims
   * were changed.
   */
  private static void relyingPartyAgrees(int port, String before, String after) throws Exception {
    RelyingParty.Verdict old = RelyingParty.verify(port, before, Tokens.AUDIENCE);
    assertTrue(old.verified(), old.output());
    assertEquals("admin", old.claims().getString("role"), old.output());
    assertEquals(Tokens.ISSUER, old.claims().getString("iss"), old.output());
    RelyingParty.Verdict rotated = RelyingParty.verify(port, after, Tokens.AUDIENCE);
    assertTrue(rotated.verified(), rotated.output());
    assertNotEquals(old.header().getString("kid"), rotated.header().getString("kid"), rotated.output());
    String[] parts = after.split("\\.");
    String otherTenant = Base64.getUrlEncoder().withoutPadding().encodeToString(rotated.claims().put("tenant", "other")
        .encode().getBytes(StandardCharsets.UTF_8));
    RelyingParty.Verdict tampered = RelyingParty.verify(port, parts[0] + "." + otherTenant + "." + parts[2],
        Tokens.AUDIENCE);
    assertFalse(tampered.verified(), tampered.output());
    assertTrue(tampered.output().startsWith("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"), tampered.output());
  }

  /** A wrong password and an unknown address get the same answer, byte for byte: no way to learn who has an account. */
  private static Future<Void> failedLogins(GatewayClient gateway) {
    return Future.all(
            gateway.request(HttpMethod.POST, "/api/v1/auth/login")
                .sendJsonObject(new JsonObject().put("email", "member@demo.local").put("password", "not-the-password")),
            gateway.request(HttpMethod.POST, "/api/v1/auth/login")
                .sendJsonObject(new JsonObject().put("email", "nobody@demo.local").put("password", "not-the-password")))
        .map(both -> {
          HttpResponse<Buffer> wrongPassword = both.resultAt(0);
          HttpResponse<Buffer> unknownUser = both.resultAt(1);
          assertEquals(401, wrongPassword.statusCode(), wrongPassword.bodyAsString());
          assertEquals(wrongPassword.bodyAsString(), unknownUser.bodyAsString());
          assertEquals(wrongPassword.getHeader("Content-Type"), unknownUser.getHeader("Content-Type"));
          return null;
        });
  }

  private Future<Void> forgedTokensRefused(Vertx vertx, GatewayClient gateway, String real) {
    Map<String, String> forged;
    try {
      forged = ForgedTokens.from(vertx, real, dataDir.resolve("keys"));
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
    Map<String, String> refusals = new ConcurrentHashMap<>();
    List<Future<?>> checks = new ArrayList<>();
    Map<String, String> tried = new LinkedHashMap<>(forged);
    tried.put("not a token at all", "not-a-jwt");
    tried.forEach((how, token) -> checks.add(gateway.get("/api/v1/opportunities?limit=1")
        .bearerTokenAuthentication(token).send().map(response -> {
          assertEquals(401, response.statusCode(), how + " must be refused: " + response.bodyAsString());
          refusals.put(how, response.bodyAsString());
          return response;
        })));
    assertEquals(ForgedTokens.names(), List.copyOf(forged.keySet()));
    String resigned;
    try {
      resigned = ForgedTokens.resigned(vertx, real, dataDir.resolve("keys"));
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
    return Future.all(checks).map(v -> {
      assertEquals(1, Set.copyOf(refusals.values()).size(), "one body for every refusal, no hint of what was "
          + "wrong: " + refusals);
      return null;
    }).compose(v -> gateway.get("/api/v1/opportunities?limit=1").bearerTokenAuthentication(resigned).send())
        .map(accepted -> {
          assertEquals(200, accepted.statusCode(), "signed as the forgeries are, nothing changed: accepted");
          return null;
        });
  }

  /**
   * {@code mch import} in a second JVM, against the PostgreSQL the running {@code mch up} reported; a file cut off
   * midway is refused with exit status 1 before anything is written.
   */
  private void importWhileRunning(MchProcess mch) throws Exception {
    Matcher postgres = Pattern.compile("postgres\\s+(127\\.0\\.0\\.1:\\d+)").matcher(mch.stdout());
    assertTrue(postgres.find(), mch.stdout());
    Path file = dataDir.resolveSibling(dataDir.getFileName() + "-sam.jsonl");
    Files.writeString(file, """
        {"noticeId": "it-1", "title": "Exam gloves", "postedDate": "2024-03-01", "solicitationNumber": "IT-1"}
        {"noticeId": "it-2", "title": "Exam gloves (Amendment 1)", "postedDate": "2024-03-04", "solicitationNumber": "IT-1"}
        {"noticeId": "it-3", "postedDate": "2024-03-01"}
        """);
    MchProcess importer = MchProcess.start(
        Map.of("MCH_POSTGRES_URI", "postgresql://postgres@" + postgres.group(1) + "/mch"), "import", file.toString());
    assertEquals(0, importer.awaitExit(60), importer.stderr());
    assertTrue(importer.stdout().contains("3 records: 2 inserted, 0 updated, 0 unchanged, 1 rejected; 1 amendment links"),
        importer.stdout());
    assertTrue(importer.stdout().contains("rejected record 3 (it-3): title: missing"), importer.stdout());
    assertTrue(importer.stderr().contains("importing 100%"), importer.stderr());
    Files.writeString(file, """
        {"noticeId": "it-4", "title": "Exam gloves", "postedDate": "2024-03-01"}
        {"noticeId": "it-5", "title": "Exam
        """);
    MchProcess refused = MchProcess.start(
        Map.of("MCH_POSTGRES_URI", "postgresql://postgres@" + postgres.group(1) + "/mch"), "import", file.toString());
    assertEquals(1, refused.awaitExit(60), refused.stdout());
    assertTrue(refused.stderr().contains(file + ": malformed JSON at line 2, column ")
        && refused.stderr().contains("nothing was imported"), refused.stderr());
  }

  /**
   * The PostgreSQL postmaster (which daemonises, so it is found by its data directory) and Redis (a child process).
   */
  private List<ProcessHandle> serversOf(MchProcess mch) {
    List<ProcessHandle> servers = new ArrayList<>(ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains(dataDir.resolve("postgres").toString()))
        .toList());
    servers.addAll(mch.descendants().stream()
        .filter(p -> p.info().command().orElse("").contains("redis-server")).toList());
    return servers;
  }

  @Test
  // the second start recovers the embedded infrastructure a SIGKILL left behind: past the extension's 30 s on a busy CI
  @Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
  @DisplayName("starts again on the same data directory after it was killed with SIGKILL")
  void restartsAfterKill(Vertx vertx, VertxTestContext ctx) throws Exception {
    MchProcess first = up("--fresh");
    first.ready().get(120, TimeUnit.SECONDS);
    first.kill();
    first.awaitExit(10);
    MchProcess second = up();
    Future.fromCompletionStage(second.ready())
        .compose(port -> {
          GatewayClient gateway = new GatewayClient(vertx, port);
          return gateway.get("/health/ready").send().eventually(() -> {
            gateway.close();
            return Future.succeededFuture();
          });
        })
        .onComplete(ar -> {
          second.terminate();
          ctx.verify(() -> {
            assertTrue(ar.succeeded(), () -> "stderr: " + second.stderr() + " cause: " + ar.cause());
            assertEquals(200, ar.result().statusCode());
            assertTrue(second.stderr().contains("left running by an earlier mch"), second.stderr());
            assertEquals(143, second.awaitExit(10), "exit status after SIGTERM");
          });
          ctx.completeNow();
        });
  }

  @Test
  // a fresh mch up, a key rotation in a second JVM, the relying party's three Node runs and an import: the extension's
  // default of 30 s was reached on a busy CI
  @Timeout(value = 3, timeUnit = TimeUnit.MINUTES)
  @DisplayName("boots with demo data, reports every dependency UP, serves metrics and search, imports from a second "
      + "JVM, then stops on SIGTERM leaving no process behind")
  void bootsAndStops(Vertx vertx, VertxTestContext ctx) throws Exception {
    MchProcess mch = up("--fresh", "--set", "import.max-bytes=" + IMPORT_MAX_BYTES, "--set", "auth.key-check-ms=200",
        "--set", "documents.max-bytes=" + IMPORT_MAX_BYTES,
        "--set", "gateway.declarative-file=" + Files.writeString(dataDir.resolveSibling(dataDir.getFileName() + "-team.yaml"),
            TEAM_FILE));
    Future.fromCompletionStage(mch.ready())
        .compose(port -> {
          ctx.verify(() -> {
            assertTrue(mch.stdout().contains("kafka"), mch.stdout());
            assertTrue(mch.stdout().contains("postgres"), mch.stdout());
            assertTrue(mch.stdout().contains("redis"), mch.stdout());
            assertTrue(mch.stdout().contains("demo data      2000 opportunities"), mch.stdout());
          });
          GatewayClient gateway = new GatewayClient(vertx, port);
          return gateway.get("/health/ready").send().compose(ready -> {
            ctx.verify(() -> {
              assertEquals(200, ready.statusCode());
              JsonObject body = ready.bodyAsJsonObject();
              assertEquals("UP", body.getString("status"));
              Set<String> up = body.getJsonArray("checks").stream().map(JsonObject.class::cast)
                  .filter(c -> c.getString("status").equals("UP")).map(c -> c.getString("id")).collect(Collectors.toSet());
              assertEquals(Set.of("kafka", "postgres", "redis", "services", "ai-index"), up);
            });
            return Future.all(gateway.get("/metrics").send(), new GatewayClient(vertx, mch.managementPort())
                .get("/metrics").send());
          }).compose(metrics -> {
            ctx.verify(() -> {
              HttpResponse<Buffer> publicPort = metrics.resultAt(0);
              HttpResponse<Buffer> management = metrics.resultAt(1);
              assertEquals(404, publicPort.statusCode(), "metrics are not for the public port");
              assertEquals(200, management.statusCode());
              assertTrue(management.bodyAsString().contains("jvm_memory_used_bytes"));
              assertTrue(management.bodyAsString().contains("vertx_http_server_requests_total"));
            });
            return checkApi(vertx, gateway);
          }).compose(api -> keysRotated(vertx, gateway))
          .compose(rotated -> gateway.get("/health/live").send()).eventually(() -> {
            gateway.close();
            return Future.succeededFuture();
          });
        })
        .compose(live -> vertx.executeBlocking(() -> {
          assertEquals(200, live.statusCode());
          importWhileRunning(mch);
          List<ProcessHandle> servers = serversOf(mch);
          assertEquals(2, servers.stream().map(p -> p.info().command().orElse(""))
              .filter(c -> c.contains("postgres") || c.contains("redis-server")).count(), servers::toString);
          mch.terminate();
          mch.awaitExit(10);
          for (ProcessHandle server : servers) {
            server.onExit().get(5, TimeUnit.SECONDS);
          }
          return null;
        }))
        .onComplete(ar -> {
          if (mch.isAlive()) {
            mch.kill();
          }
          ctx.verify(() -> assertTrue(ar.succeeded(), () -> "stderr: " + mch.stderr() + " cause: " + ar.cause()));
          ctx.completeNow();
        });
  }
}
