package com.medcontracthub.realtime.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.realtime.RealtimeFixture;
import com.medcontracthub.testkit.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("Shared notes")
class NotesConvergenceTest {

  private static final int CLIENTS = 4;
  private static final int EDITS_EACH = 40;
  /**
   * The note's length past which the next edit cuts it back to half. Concurrent inserts add up while concurrent
   * deletes of the same characters overlap, so a note edited by several clients at once keeps growing (the faster the
   * edits cross, the faster it grows), and a random edit of a long note can pass the bridge's limit of 10,000 parts per
   * edit, which refuses it as it should.
   */
  private static final int MAX_TEXT = 1_000;

  @Test
  @DisplayName("concurrent random edits from several clients converge to one text on every client and the server")
  void converge(Vertx vertx, VertxTestContext ctx) throws Exception {
    RealtimeFixture f = RealtimeFixture.start(vertx, Map.of(ConfigKeys.REALTIME_MESSAGES_PER_SECOND, "1000"));
    List<Future<NotesClient>> opening = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      String token = i % 2 == 0 ? f.a1().token() : f.a2().token();
      opening.add(f.ws(vertx).compose(bridge -> new NotesClient(bridge, token, f.notes()).open()));
    }
    Future.all(opening).compose(opened -> {
      List<NotesClient> clients = opened.list();
      List<Future<Void>> editing = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        editing.add(edits(vertx, clients.get(i), new Random(1_000 + i), EDITS_EACH));
      }
      return Future.all(editing)
          .compose(v -> Eventually.until(vertx, () -> clients.stream().allMatch(NotesClient::idle)
              && clients.stream().map(c -> c.revision).distinct().count() == 1, 20_000, "the clients settling")
              .recover(e -> Future.failedFuture(new AssertionError(e.getMessage() + "; clients: " + clients))))
          .compose(v -> f.ws(vertx))
          .compose(reader -> reader.next(reader.request(f.notes(), f.a1().token(), new JsonObject().put("action", "load"))))
          .map(loaded -> {
            ctx.verify(() -> {
              String server = loaded.getJsonObject("body").getString("text");
              assertEquals(clients.stream().mapToInt(c -> c.sent).sum(), loaded.getJsonObject("body").getInteger("version"),
                  "every edit sent is one version");
              for (NotesClient client : clients) {
                assertNull(client.failure);
                assertEquals(server, client.text);
              }
            });
            return null;
          });
    }).onComplete(ctx.succeedingThenComplete());
  }

  /** A random edit of the text, or one that cuts it back to half of {@link #MAX_TEXT} when it is longer. */
  private static TextOperation nextEdit(Random random, String text) {
    return text.length() > MAX_TEXT ? new TextOperation().retain(MAX_TEXT / 2).delete(text.length() - MAX_TEXT / 2)
        : TextOperationTest.randomEdit(random, text);
  }

  /**
   * {@code count} random edits, each after a random pause of up to 30 ms, so they cross each other in flight; made on
   * the event loop the client's frames arrive on, so its state has one thread, as a browser's editor has.
   */
  private static Future<Void> edits(Vertx vertx, NotesClient client, Random random, int count) {
    if (count == 0) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    client.context().runOnContext(v -> vertx.setTimer(1 + random.nextInt(30), id -> {
      client.edit(nextEdit(random, client.text));
      edits(vertx, client, random, count - 1).onComplete(done);
    }));
    return done.future();
  }

}
