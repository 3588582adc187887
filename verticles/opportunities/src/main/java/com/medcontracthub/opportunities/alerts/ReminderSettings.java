package com.medcontracthub.opportunities.alerts;

import static com.medcontracthub.platform.bus.Consumers.uuidOrNull;

import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's own deadline reminders, as the API reads and sets them: on in a time zone, to the address they log in
 * with, or off; and off from the link in a reminder, without a login.
 */
public final class ReminderSettings {

  private final ReminderStore store;
  private final MchConfig.Alerts settings;

  public ReminderSettings(Pool pool, MchConfig.Alerts settings) {
    this.store = new ReminderStore(pool);
    this.settings = settings;
  }

  public Future<JsonObject> get(Principal user) {
    return store.get(user).map(this::answer);
  }

  /** On, in the time zone the body names (required: the days of a reminder are the user's own). */
  public Future<JsonObject> start(Principal user, JsonObject body) {
    String timeZone = TimeZones.field(body);
    if (timeZone == null) {
      throw new Refusal(400, TimeZones.FIELD + ": required, a time zone such as America/New_York or UTC");
    }
    if (user.email() == null || user.email().isBlank()) {
      throw new Refusal(409, "this account has no e-mail address to send reminders to");
    }
    return store.start(user, timeZone).map(on -> answer(Optional.of(on)));
  }

  public Future<JsonObject> stop(Principal user) {
    return store.stop(user).map(stopped -> answer(Optional.empty()));
  }

  /** Off from a reminder's link: the user id and the token in it must be a pair (404 otherwise). */
  public Future<JsonObject> unsubscribe(JsonObject link) {
    UUID user = uuidOrNull(link.getString(UnsubscribeMount.Stopped.REMINDERS.field));
    Future<Boolean> stopped = user == null ? Future.succeededFuture(false)
        : store.unsubscribe(user, link.getString(UnsubscribeMount.TOKEN, ""));
    return stopped.compose(done -> done
        ? Future.succeededFuture(new JsonObject())
        : Future.failedFuture(new Refusal(404, "no reminders for this link")));
  }

  private JsonObject answer(Optional<ReminderStore.Subscription> subscription) {
    JsonObject answer = new JsonObject().put("enabled", subscription.isPresent())
        .put("daysBefore", new JsonArray(Reminders.DAYS_BEFORE)).put("hour", settings.hour());
    subscription.ifPresent(on -> answer.put("timeZone", on.timeZone()).put("email", on.email()));
    return answer;
  }
}
