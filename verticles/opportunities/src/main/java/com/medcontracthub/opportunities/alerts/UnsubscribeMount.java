package com.medcontracthub.opportunities.alerts;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.http.GatewayMount;
import com.medcontracthub.platform.http.ProductLogins;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * The unsubscribe link of an alert e-mail (a saved search's digest, deadline reminders, the weekly report), on the
 * gateway, for someone who is not logged in: {@code GET} shows a page with a button, and its {@code POST} stops those
 * e-mails (a link scanner that follows every link in an e-mail changes nothing), as does a mail client's one-click
 * unsubscribe (RFC 8058: a {@code POST} to the link). What the link names and its unsubscribe secret are all it
 * takes; a wrong pair is a 404 page.
 */
public final class UnsubscribeMount implements GatewayMount {

  public static final Factory FACTORY = UnsubscribeMount::new;
  public static final String PATH = "/alerts/unsubscribe";
  public static final String TOKEN = "token";
  private static final long TIMEOUT_MS = 10_000;
  private static final long MAX_FORM_BYTES = 4_096;

  /** What a link stops: the link's field that names it, the address that stops it, and what the pages say. */
  public enum Stopped {
    SEARCH("search", Addresses.SAVED_SEARCHES_UNSUBSCRIBE, "the new matches of this saved search",
        "the saved search may have been deleted", "You can turn them on again in the saved search."),
    REMINDERS("reminders", Addresses.PIPELINE_EMAILS_UNSUBSCRIBE, "the response deadlines of your pipeline",
        "the reminders may be off already", "You can turn them on again in your settings."),
    REPORT("report", Addresses.PIPELINE_EMAILS_UNSUBSCRIBE, "your team's weekly pipeline report",
        "the report may be off already", "You can turn it on again in your settings.");

    public final String field;
    final String address;
    final String about;
    final String gone;
    final String again;

    Stopped(String field, String address, String about, String gone, String again) {
      this.field = field;
      this.address = address;
      this.about = about;
      this.gone = gone;
      this.again = again;
    }

    /** What stops, as the page after the click names it: a search by its name. */
    String named(JsonObject reply) {
      String name = reply.getString("name");
      return name == null ? about : "the new matches of “" + escape(name) + "”";
    }
  }

  private final Vertx vertx;

  private UnsubscribeMount(Vertx vertx, MchConfig config, ProductLogins logins) {
    this.vertx = vertx;
  }

  /** The link, under the web address {@code baseUrl}, that stops what {@code id} names with its secret {@code token}. */
  public static String link(String baseUrl, Stopped stopped, Object id, String token) {
    return baseUrl + PATH + "?" + stopped.field + "=" + WebLinks.encode(id.toString()) + "&" + TOKEN + "="
        + WebLinks.encode(token);
  }

  @Override
  public void mount(Router router) {
    router.get(PATH).handler(this::confirm);
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES)).handler(this::unsubscribe);
  }

  @Override
  public List<Operation> operations() {
    return List.of(new Operation("POST", PATH, Addresses.SAVED_SEARCHES_UNSUBSCRIBE,
        "stop the e-mails of an alert, from the link in one (form fields token and one of search, reminders or report; "
            + "no login)"));
  }

  private void confirm(RoutingContext ctx) {
    Stopped stopped = stopped(ctx);
    String id = ctx.request().getParam(stopped.field, "");
    String token = ctx.request().getParam(TOKEN, "");
    page(ctx, 200, "Stop these e-mails?", """
        <form method="post" action="%s">
          <input type="hidden" name="%s" value="%s"><input type="hidden" name="%s" value="%s">
          <p>You will no longer get e-mails about %s.</p>
          <button type="submit">Stop these e-mails</button>
        </form>""".formatted(PATH, stopped.field, escape(id), TOKEN, escape(token), stopped.about));
  }

  private void unsubscribe(RoutingContext ctx) {
    Stopped stopped = stopped(ctx);
    String id = field(ctx, stopped.field);
    String token = field(ctx, TOKEN);
    if (id == null || token == null) {
      page(ctx, 400, "Link not complete", "<p>This link lacks part of what it needs: open it from the e-mail again.</p>");
      return;
    }
    JsonObject request = new JsonObject().put(stopped.field, id).put(TOKEN, token);
    vertx.eventBus().<JsonObject>request(stopped.address, request, new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .onSuccess(reply -> page(ctx, 200, "Unsubscribed", "<p>You will no longer get e-mails about "
            + stopped.named(reply.body()) + ". " + stopped.again + "</p>"))
        .onFailure(e -> {
          boolean notFound = e instanceof ReplyException reply && reply.failureCode() == 404;
          page(ctx, notFound ? 404 : 503, notFound ? "Link not valid" : "Try again later", notFound
              ? "<p>This link does not stop any e-mails: " + stopped.gone + ".</p>"
              : "<p>The service is unavailable right now; the link will work later.</p>");
        });
  }

  /** What the link names: the kind whose field it has, a saved search when none. */
  private static Stopped stopped(RoutingContext ctx) {
    for (Stopped stopped : Stopped.values()) {
      if (field(ctx, stopped.field) != null) {
        return stopped;
      }
    }
    return Stopped.SEARCH;
  }

  /** A field of the page's form, or of the link itself (a mail client's one-click POST to it, RFC 8058). */
  private static String field(RoutingContext ctx, String name) {
    String form = ctx.request().getFormAttribute(name);
    return form != null ? form : ctx.request().getParam(name);
  }

  private static void page(RoutingContext ctx, int status, String title, String body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
            + " · MedContractHub</title></head><body><h1>" + title + "</h1>" + body + "</body></html>");
  }

  /** Text in HTML: the characters that could end an attribute or start markup, as entities. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
