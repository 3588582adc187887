package com.medcontracthub.ai.ingest;

import com.medcontracthub.ai.embed.Embedder;
import com.medcontracthub.ai.index.IndexedNotice;
import com.medcontracthub.ai.index.NoticeIndex;
import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.platform.metrics.Meters;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the index in step with a notice whose change event came: the notice read back from the opportunities service
 * as PostgreSQL holds it (the event names it only; the cache may not have forgotten it yet), then embedded and put in the index if it is current and active, or dropped from the index
 * if it is superseded, archived or gone. Each change applies the notice as it is now, so an event delivered twice, or
 * late, leaves the index as right as the first time. Counted in {@code mch_ai_notices_indexed_total{outcome}}.
 */
public final class NoticeIndexer {

  private static final Logger LOG = LoggerFactory.getLogger(NoticeIndexer.class);

  private final Vertx vertx;
  private final Embedder embedder;
  private final NoticeIndex index;
  private final long timeoutMs;
  private final Counter put = counter("put");
  private final Counter removed = counter("removed");
  private final Counter unchanged = counter("unchanged");
  /** The last refresh of each notice still running; touched on the verticle's event loop only. */
  private final Map<String, Future<Void>> running = new HashMap<>();

  public NoticeIndexer(Vertx vertx, Embedder embedder, NoticeIndex index, long timeoutMs) {
    this.vertx = vertx;
    this.embedder = embedder;
    this.index = index;
    this.timeoutMs = timeoutMs;
  }

  /**
   * A change event as the bridge delivers it: answered once the index has the notice as it is now on disk, so Kafka's
   * offset moves past it only then; a notice that cannot be indexed at all is logged and passed over.
   */
  public void answer(Message<OpportunityChanged> m) {
    String noticeId = m.body().getNoticeId();
    refresh(noticeId).onSuccess(v -> m.reply(null)).onFailure(e -> {
      if (e instanceof UnreadableNotice) {
        LOG.error("ai: {}; passed over", e.getMessage());
        m.reply(null);
      } else {
        LOG.warn("ai: notice {} not indexed ({}); Kafka delivers its change again", noticeId, e.getMessage());
        m.fail(503, e.getMessage());
      }
    });
  }

  /**
   * Completes once the index has the notice as it is now, on disk; fails with {@link UnreadableNotice} when the notice
   * cannot be indexed at all. Refreshes of one notice run one after another: two at once could each read a different
   * version and write them in the wrong order (an archived notice put back after its removal).
   */
  public Future<Void> refresh(String noticeId) {
    Future<Void> before = running.getOrDefault(noticeId, Future.succeededFuture());
    Future<Void> mine = before.transform(previous -> apply(noticeId));
    running.put(noticeId, mine);
    mine.onComplete(done -> running.remove(noticeId, mine));
    return mine;
  }

  private Future<Void> apply(String noticeId) {
    return current(noticeId).compose(found -> found.filter(NoticeIndexer::searchable)
            .map(notice -> put(noticeId, notice))
            .orElseGet(() -> index.remove(noticeId).onSuccess(v -> removed.increment())))
        .compose(v -> index.durable());
  }

  private Future<Void> put(String noticeId, JsonObject notice) {
    IndexedNotice indexed;
    try {
      indexed = IndexedNotice.of(notice);
    } catch (RuntimeException e) {
      return Future.failedFuture(new UnreadableNotice(noticeId, e));
    }
    // a notice the index holds as it is now (republished by a backfill, say) is not embedded again
    return index.stored(noticeId).compose(kept -> kept.filter(indexed::equals).isPresent()
        ? Future.<Void>succeededFuture().onSuccess(v -> unchanged.increment())
        : embedder.embed(indexed.text()).compose(vector -> index.put(indexed, vector)).onSuccess(v -> put.increment()));
  }

  private Future<Optional<JsonObject>> current(String noticeId) {
    JsonObject request = new JsonObject().put(ServiceRequest.PATH, new JsonObject().put("id", noticeId));
    return vertx.eventBus().<JsonObject>request(Addresses.OPPORTUNITIES_CURRENT, request,
            new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(reply -> Optional.of(reply.body()))
        .recover(e -> e instanceof ReplyException r && r.failureCode() == 404
            ? Future.succeededFuture(Optional.empty())
            : Future.failedFuture(e));
  }

  /** Search lists current, open notices: an amended one is found as its amendment, an archived one not at all. */
  private static boolean searchable(JsonObject notice) {
    return notice.getString("supersededBy") == null && notice.getBoolean("active", false);
  }

  private static Counter counter(String outcome) {
    return Counter.builder("mch_ai_notices_indexed").description("Notices written to or dropped from the AI index")
        .tag("outcome", outcome).register(Meters.registry());
  }
}
