package com.medcontracthub.realtime;

import static com.medcontracthub.platform.bus.Consumers.correlationId;
import static com.medcontracthub.platform.bus.Consumers.part;
import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.RealtimeRooms;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.platform.bus.QueryParams;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.realtime.LivePush;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.platform.service.ServiceVerticle;
import com.medcontracthub.realtime.api.CommentSchemas;
import com.medcontracthub.realtime.comments.CommentStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Comments on opportunities: {@code comments.add} (from the realtime bridge) stores a comment and pushes it to the
 * tenant's comments room ({@link LivePush}: a comment whose push fails is still stored and answered, viewers load the
 * list when they open the notice); {@code comments.list} serves {@code GET /api/v1/opportunities/:id/comments}.
 */
public final class CommentsVerticle extends ServiceVerticle {

  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 500;

  public CommentsVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    CommentStore store = new CommentStore(pool());
    return Future.all(
        serve(vertx, Addresses.COMMENTS_ADD, m -> {
          Principal author = principal(m);
          String notice = m.body().getString(ServiceRequest.OPPORTUNITY_ID);
          return store.add(author, notice, m.body().getString(ServiceRequest.TEXT),
                  m.body().getString(ServiceRequest.OP_ID), correlationId(m))
              .compose(comment -> push(author, notice, comment));
        }),
        serve(vertx, Addresses.COMMENTS_LIST, m -> {
          QueryParams query = new QueryParams(part(m, ServiceRequest.QUERY), Set.of("after", "limit"));
          return store.list(principal(m), part(m, ServiceRequest.PATH).getString("id"), query.nonNegative("after", 0),
              query.limit(DEFAULT_LIMIT, MAX_LIMIT)).map(items -> new JsonObject().put("items", items));
        }),
        ServiceSchemas.declare(vertx, Addresses.COMMENTS_LIST, CommentSchemas.LIST));
  }

  private Future<JsonObject> push(Principal author, String notice, JsonObject comment) {
    return LivePush.send(vertx, RealtimeRooms.tenantOpportunity(author.tenantId().toString(), notice, "comments"),
        comment, "comment-" + comment.getLong("id")).map(comment);
  }
}
