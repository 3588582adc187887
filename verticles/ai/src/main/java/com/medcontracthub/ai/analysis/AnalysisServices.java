package com.medcontracthub.ai.analysis;

import static com.medcontracthub.ai.api.AiRequests.noticeId;
import static com.medcontracthub.platform.bus.Consumers.body;
import static com.medcontracthub.platform.bus.Consumers.principal;

import com.medcontracthub.ai.api.AiSchemas;
import com.medcontracthub.ai.profile.Profile;
import com.medcontracthub.ai.store.AiStore;
import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.platform.bus.Consumers;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.flags.FeatureFlags;
import com.medcontracthub.platform.flags.Flag;
import com.medcontracthub.platform.schema.ServiceSchemas;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/** The tenant's capability profile and its analyses of notices, served on the event bus as the gateway reaches them. */
public final class AnalysisServices {

  private AnalysisServices() {
  }

  /** Completes once every address is served and declared. */
  public static Future<?> serve(Vertx vertx, AiStore store, Analyses analyses) {
    return Future.all(List.of(
        Consumers.serve(vertx, Addresses.AI_PROFILE, m -> store.profile(principal(m).tenantId()).map(found -> found
            .map(Profile::toJson).orElseThrow(() -> new Refusal(404, "no capability profile yet: PUT one")))),
        Consumers.serve(vertx, Addresses.AI_PROFILE_PUT, m -> {
          Principal caller = principal(m);
          Profile profile = Profile.from(body(m, Profile.FIELDS));
          return store.putProfile(caller.tenantId(), caller.userId(), profile).map(v -> profile.toJson());
        }),
        Consumers.serve(vertx, Addresses.AI_ANALYSIS_START, Consumers.ACCEPTED, m -> {
          Principal caller = principal(m);
          if (!FeatureFlags.of(vertx).on(Flag.AI_SCORING, caller.tenantId())) {
            throw new Refusal(503, "bid/no-bid analyses are switched off for now; the analyses made stay readable");
          }
          return analyses.start(caller, noticeId(m));
        }),
        Consumers.serve(vertx, Addresses.AI_ANALYSIS, m -> analyses.get(principal(m).tenantId(), noticeId(m))),
        ServiceSchemas.declare(vertx, Addresses.AI_PROFILE, AiSchemas.PROFILE),
        ServiceSchemas.declare(vertx, Addresses.AI_PROFILE_PUT, AiSchemas.PROFILE_PUT),
        ServiceSchemas.declare(vertx, Addresses.AI_ANALYSIS_START, AiSchemas.ANALYSIS_START),
        ServiceSchemas.declare(vertx, Addresses.AI_ANALYSIS, AiSchemas.ANALYSIS)));
  }
}
