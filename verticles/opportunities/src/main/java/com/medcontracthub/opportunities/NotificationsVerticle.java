package com.medcontracthub.opportunities;

import static com.medcontracthub.platform.bus.Consumers.part;
import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.RealtimeRooms;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.opportunities.api.NotificationSchemas;
import com.medcontracthub.opportunities.metrics.OpportunityKpis;
import com.medcontracthub.opportunities.notifications.NotificationStore;
import com.medcontracthub.platform.bus.QueryParams;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.realtime.LivePush;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns opportunity change events (bridged from Kafka, at least once) into notifications for the tenants bidding on
 * them, exactly once each, and lists a tenant's notifications.
 */
public final class NotificationsVerticle extends ServiceVerticle {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationsVerticle.class);
  private static final int DEFAULT_LIMIT = 50;
  private static final int MAX_LIMIT = 200;
  private static final long PRUNE_EVERY_MS = 3_600_000;

  public NotificationsVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    NotificationStore store = new NotificationStore(pool());
    OpportunityKpis.notificationKinds(NotificationStore.kinds());
    vertx.setPeriodic(PRUNE_EVERY_MS, id -> store.forgetOldProcessedEvents()
        .onFailure(e -> LOG.warn("pruning processed event ids: {}", e.toString())));
    return Future.all(
        vertx.eventBus().<OpportunityChanged>consumer(Addresses.NOTIFICATIONS_OPPORTUNITY_CHANGED,
                message -> store.opportunityChanged(message.body())
                    .onSuccess(made -> {
                      made.forEach(this::push);
                      message.reply(made.size());
                    })
                    .onFailure(e -> message.fail(503, e.getMessage())))
            .completion(),
        serve(vertx, Addresses.NOTIFICATIONS_LIST, m -> {
          int limit = new QueryParams(part(m, ServiceRequest.QUERY), Set.of("limit")).limit(DEFAULT_LIMIT, MAX_LIMIT);
          return store.list(principal(m).tenantId(), limit).map(items -> new JsonObject().put("items", items));
        }),
        ServiceSchemas.declare(vertx, Addresses.NOTIFICATIONS_LIST, NotificationSchemas.LIST));
  }

  /** Counts a new notification (it is in the tray) and shows it live to the tenant's users. */
  private void push(NotificationStore.Notice notice) {
    OpportunityKpis.delivered(notice.notification().getString("kind"));
    LivePush.send(vertx, RealtimeRooms.tenantNotifications(notice.tenantId().toString()), notice.notification(),
        "notification-" + notice.notification().getLong("id"));
  }
}
