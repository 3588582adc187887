package com.medcontracthub.ai.analysis;

import com.medcontracthub.ai.embed.Embedder;
import com.medcontracthub.ai.index.IndexedNotice;
import com.medcontracthub.ai.index.Vectors;
import com.medcontracthub.ai.profile.Profile;
import com.medcontracthub.ai.store.AiStore;
import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.RealtimeRooms;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.metrics.Meters;
import com.medcontracthub.platform.realtime.LivePush;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant's analyses of notices: asked for, run in the background (the notice read back and its requirements found
 * by {@link RequirementRules}, with those found in the documents the tenant uploaded to it, {@link DocumentRequirements};
 * the notice's fit to the tenant's profile scored by {@link FitScore}), stored, and pushed live to the tenant's users
 * as an {@code ai.analysis} notification. An analysis that ran out of time, or whose JVM died, shows as failed: asked
 * again, it runs again.
 */
public final class Analyses {

  private static final Logger LOG = LoggerFactory.getLogger(Analyses.class);
  public static final String NOTIFICATION = "ai.analysis";
  /** The analysed documents of a notice an analysis reads, the last analysed first. */
  static final int MAX_DOCUMENTS = 10;

  /** An analysis reads documents and may take its whole minute: the API's buckets, then up to two minutes. */
  private static final Duration[] BUCKETS = Stream.concat(Arrays.stream(Meters.LATENCY_BUCKETS),
      Stream.of(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120))).toArray(Duration[]::new);

  private final Vertx vertx;
  private final AiStore store;
  private final Embedder embedder;
  private final long callTimeoutMs;
  private final long timeoutMs;
  private final RequirementRules rules = new RequirementRules();
  private final FitScore fit = new FitScore();
  private final Timer done = ended("done");
  private final Timer failed = ended("failed");

  /**
   * @param callTimeoutMs each call to another service
   * @param timeoutMs     a whole analysis
   */
  public Analyses(Vertx vertx, AiStore store, Embedder embedder, long callTimeoutMs, long timeoutMs) {
    this.vertx = vertx;
    this.store = store;
    this.embedder = embedder;
    this.callTimeoutMs = callTimeoutMs;
    this.timeoutMs = timeoutMs;
  }

  /**
   * Starts an analysis for the caller's tenant (a 404 for an unknown notice): {@code {noticeId, state: running,
   * requestedAt}}. While one of the notice is running for the tenant, asking again answers that one.
   */
  public Future<JsonObject> start(Principal caller, String noticeId) {
    UUID tenant = caller.tenantId();
    return store.analysis(tenant, noticeId).compose(had -> {
      Optional<JsonObject> running = had.map(this::interruptedShownFailed)
          .filter(analysis -> AiStore.RUNNING.equals(analysis.getString("state")));
      if (running.isPresent()) {
        return Future.succeededFuture(started(noticeId, running.get().getString("requestedAt")));
      }
      return notice(noticeId).compose(notice -> {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return store.startAnalysis(tenant, noticeId, caller.userId(), at).map(v -> {
          run(caller, noticeId, at, notice);
          return started(noticeId, at.toString());
        });
      });
    });
  }

  /** The tenant's last analysis of the notice, or a 404. */
  public Future<JsonObject> get(UUID tenant, String noticeId) {
    return store.analysis(tenant, noticeId).map(found -> found.map(this::interruptedShownFailed).orElseThrow(() ->
        new Refusal(404, "no analysis of " + noticeId + " was asked for: POST it first")));
  }

  private static JsonObject started(String noticeId, String requestedAt) {
    return new JsonObject().put("noticeId", noticeId).put("state", AiStore.RUNNING).put("requestedAt", requestedAt);
  }

  private JsonObject interruptedShownFailed(JsonObject analysis) {
    boolean stale = AiStore.RUNNING.equals(analysis.getString("state")) && Instant.parse(analysis.getString(
        "requestedAt")).plus(Duration.ofMillis(2 * timeoutMs)).isBefore(Instant.now());
    return stale ? analysis.put("state", AiStore.FAILED).put("failure", "it did not finish: ask for it again")
        : analysis;
  }

  private void run(Principal caller, String noticeId, Instant at, JsonObject notice) {
    UUID tenant = caller.tenantId();
    long started = System.nanoTime();
    store.profile(tenant)
        .compose(profile -> analyse(tenant, noticeId, notice, profile))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .andThen(ended -> (ended.succeeded() ? done : failed).record(System.nanoTime() - started,
            TimeUnit.NANOSECONDS))
        .compose(result -> store.finishAnalysis(tenant, noticeId, at, result, null)
                .map(stored -> stored ? Optional.of(result) : null),
            e -> {
              LOG.warn("ai: the analysis of {} failed: {}", noticeId, e.toString());
              String reason = e instanceof Refusal ? e.getMessage() : "it could not be completed: ask for it again";
              return store.finishAnalysis(tenant, noticeId, at, null, reason)
                  .map(stored -> stored ? Optional.<JsonObject>empty() : null);
            })
        // null: a later request of the same analysis replaced this one, and it is the one users hear of
        .onSuccess(outcome -> {
          if (outcome != null) {
            push(tenant, noticeId, at, outcome);
          }
        })
        .onFailure(e -> LOG.warn("ai: the analysis of {} was not stored: {}", noticeId, e.toString()));
  }

  private static Timer ended(String outcome) {
    return Timer.builder("mch_ai_analysis").description("An analysis of a notice, from its start to its result")
        .tag("outcome", outcome).serviceLevelObjectives(BUCKETS).register(Meters.registry());
  }

  /** The tenant's users hear that the analysis ended: done with its score (empty: failed). */
  private void push(UUID tenant, String noticeId, Instant at, Optional<JsonObject> result) {
    JsonObject fitted = result.map(r -> r.getJsonObject("fit")).orElse(null);
    LivePush.send(vertx, RealtimeRooms.tenantNotifications(tenant.toString()), new JsonObject()
            .put("kind", NOTIFICATION).put("noticeId", noticeId)
            .put("state", result.isPresent() ? AiStore.DONE : AiStore.FAILED)
            .put("score", fitted == null ? null : fitted.getInteger("score")),
        NOTIFICATION + ":" + tenant + ":" + noticeId + ":" + at);
  }

  /**
   * {@code {requirements, documents, fit}}: the requirements of the notice's text, then of each of the tenant's
   * documents of it that have been analysed ({@link #MAX_DOCUMENTS} at most, the last analysed first); {@code fit} is
   * null without a profile to score against.
   */
  private Future<JsonObject> analyse(UUID tenant, String noticeId, JsonObject notice, Optional<Profile> profile) {
    IndexedNotice indexed = IndexedNotice.of(notice);
    return store.documentRequirements(tenant, noticeId, MAX_DOCUMENTS).compose(documents -> vertx
        .<List<Requirement>>executeBlocking(() -> {
          List<Requirement> found = new ArrayList<>(rules.find(indexed.text(), null));
          documents.forEach(document -> found.addAll(document.requirements()));
          return DocumentRequirements.capped(RequirementRules.distinct(found));
        }, false)
        .compose(requirements -> profile.map(p -> scored(notice, indexed, requirements, p))
            .orElse(Future.succeededFuture(null))
            .map(score -> new JsonObject()
                .put("requirements", new JsonArray(requirements.stream().map(Requirement::toJson).toList()))
                .put("documents", new JsonArray(documents.stream().map(AnalysedDocument::toJson).toList()))
                .put("fit", score)
                .put("fitMissing", score == null ? "no capability profile to score against: PUT /api/v1/ai/profile"
                    : null))));
  }

  /** The capability statement, the notice and the past wins embedded in one batch, then scored. */
  private Future<JsonObject> scored(JsonObject notice, IndexedNotice indexed, List<Requirement> requirements,
      Profile profile) {
    List<String> texts = new ArrayList<>(List.of(profile.capability(), indexed.text()));
    texts.addAll(profile.pastWins());
    return embedder.embedAll(texts).map(vectors -> {
      Optional<FitScore.ClosestWin> closest = Optional.empty();
      for (int i = 0; i < profile.pastWins().size(); i++) {
        double cosine = Vectors.dot(vectors.get(1), vectors.get(i + 2));
        if (closest.isEmpty() || cosine > closest.get().cosine()) {
          closest = Optional.of(new FitScore.ClosestWin(profile.pastWins().get(i), cosine));
        }
      }
      return fit.of(notice, requirements, profile, Vectors.dot(vectors.get(0), vectors.get(1)), closest);
    });
  }

  private Future<JsonObject> notice(String noticeId) {
    JsonObject request = new JsonObject().put(ServiceRequest.PATH, new JsonObject().put("id", noticeId));
    return vertx.eventBus().<JsonObject>request(Addresses.OPPORTUNITIES_CURRENT, request,
            new DeliveryOptions().setSendTimeout(callTimeoutMs))
        .map(reply -> reply.body())
        .recover(e -> Future.failedFuture(e instanceof ReplyException r && r.failureCode() == 404
            ? new Refusal(404, "no opportunity with notice id " + noticeId) : e));
  }
}
