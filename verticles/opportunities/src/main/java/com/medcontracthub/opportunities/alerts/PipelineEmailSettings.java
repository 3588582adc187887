package com.medcontracthub.opportunities.alerts;

import static com.medcontracthub.platform.bus.Consumers.uuidOrNull;

import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.platform.auth.LinkSecrets;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A user's own e-mails about their tenant's pipeline, as the API reads and sets them: deadline reminders and the weekly
 * report, each on or off, in the user's time zone, to the address they log in with; and either one off from the link
 * in one of its e-mails, without a login.
 */
public final class PipelineEmailSettings {

  public static final String REMINDERS = "deadlineReminders";
  public static final String REPORT = "weeklyReport";
  public static final Set<String> FIELDS = Set.of(TimeZones.FIELD, REMINDERS, REPORT);

  private final PipelineEmailStore store;
  private final MchConfig.Alerts settings;

  public PipelineEmailSettings(Pool pool, MchConfig.Alerts settings) {
    this.store = new PipelineEmailStore(pool);
    this.settings = settings;
  }

  public Future<JsonObject> get(Principal user) {
    return store.get(user).map(this::answer);
  }

  /** Sets them all: the time zone (the days of a reminder are the user's own) and each kind on or off (400 otherwise). */
  public Future<JsonObject> set(Principal user, JsonObject body) {
    String timeZone = TimeZones.field(body);
    if (timeZone == null) {
      throw new Refusal(400, TimeZones.FIELD + ": required, a time zone such as America/New_York or UTC");
    }
    boolean reminders = flag(body, REMINDERS);
    boolean report = flag(body, REPORT);
    if (user.email() == null || user.email().isBlank()) {
      throw new Refusal(409, "this account has no e-mail address to send to");
    }
    return store.set(user, new PipelineEmailStore.Settings(user.email(), timeZone, reminders, report),
        LinkSecrets.next()).map(set -> answer(Optional.of(set)));
  }

  public Future<JsonObject> stop(Principal user) {
    return store.stop(user).map(stopped -> answer(Optional.empty()));
  }

  /** Off from an e-mail's link: the user id in the field of its kind and the token must be a pair (404 otherwise). */
  public Future<JsonObject> unsubscribe(JsonObject link) {
    boolean reports = link.containsKey(UnsubscribeMount.Stopped.REPORT.field);
    UUID user = uuidOrNull(link.getString((reports ? UnsubscribeMount.Stopped.REPORT
        : UnsubscribeMount.Stopped.REMINDERS).field));
    Future<Boolean> stopped = user == null ? Future.succeededFuture(false)
        : store.unsubscribe(reports, user, link.getString(UnsubscribeMount.TOKEN, ""));
    return stopped.compose(done -> done ? Future.succeededFuture(new JsonObject())
        : Future.failedFuture(new Refusal(404, "no such e-mails for this link")));
  }

  private static boolean flag(JsonObject body, String field) {
    if (!(body.getValue(field) instanceof Boolean on)) {
      throw new Refusal(400, field + ": required, true or false");
    }
    return on;
  }

  private JsonObject answer(Optional<PipelineEmailStore.Settings> set) {
    JsonObject answer = new JsonObject()
        .put(REMINDERS, set.map(PipelineEmailStore.Settings::deadlineReminders).orElse(false))
        .put(REPORT, set.map(PipelineEmailStore.Settings::weeklyReport).orElse(false))
        .put("daysBefore", new JsonArray(Reminders.DAYS_BEFORE)).put("hour", settings.hour());
    set.ifPresent(on -> answer.put(TimeZones.FIELD, on.timeZone()).put("email", on.email()));
    return answer;
  }
}
