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
 * The unsubscribe link of a digest, on the gateway, for someone who is not logged in: {@code GET} shows a page with a
 * button, and its {@code POST} stops the search's digests (a link scanner that follows every link in an e-mail changes
 * nothing), as does a mail client's one-click unsubscribe (RFC 8058: a {@code POST} to the link). The search id and
 * its unsubscribe secret in the link are all it takes; a wrong pair is a 404 page.
 */
public final class UnsubscribeMount implements GatewayMount {

  public static final Factory FACTORY = UnsubscribeMount::new;
  public static final String PATH = "/alerts/unsubscribe";
  public static final String SEARCH = "search";
  public static final String TOKEN = "token";
  private static final long TIMEOUT_MS = 10_000;
  private static final long MAX_FORM_BYTES = 4_096;

  private final Vertx vertx;

  private UnsubscribeMount(Vertx vertx, MchConfig config, ProductLogins logins) {
    this.vertx = vertx;
  }

  @Override
  public void mount(Router router) {
    router.get(PATH).handler(this::confirm);
    router.post(PATH).handler(BodyHandler.create(false).setBodyLimit(MAX_FORM_BYTES)).handler(this::unsubscribe);
  }

  @Override
  public List<Operation> operations() {
    return List.of(new Operation("POST", PATH, Addresses.SAVED_SEARCHES_UNSUBSCRIBE,
        "stop a saved search's e-mail digests, from the link in one (form fields search and token; no login)"));
  }

  private void confirm(RoutingContext ctx) {
    String search = ctx.request().getParam(SEARCH, "");
    String token = ctx.request().getParam(TOKEN, "");
    page(ctx, 200, "Stop these e-mails?", """
        <form method="post" action="%s">
          <input type="hidden" name="%s" value="%s"><input type="hidden" name="%s" value="%s">
          <p>You will no longer get e-mails about the new matches of this saved search.</p>
          <button type="submit">Stop these e-mails</button>
        </form>""".formatted(PATH, SEARCH, escape(search), TOKEN, escape(token)));
  }

  private void unsubscribe(RoutingContext ctx) {
    String search = field(ctx, SEARCH);
    String token = field(ctx, TOKEN);
    if (search == null || token == null) {
      page(ctx, 400, "Link not complete", "<p>This link lacks part of what it needs: open it from the e-mail again.</p>");
      return;
    }
    JsonObject request = new JsonObject().put(SEARCH, search).put(TOKEN, token);
    vertx.eventBus().<JsonObject>request(Addresses.SAVED_SEARCHES_UNSUBSCRIBE, request,
            new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .onSuccess(reply -> page(ctx, 200, "Unsubscribed", "<p>You will no longer get e-mails about the new matches of "
            + "“" + escape(reply.body().getString("name")) + "”. You can turn them on again in the saved search.</p>"))
        .onFailure(e -> {
          boolean notFound = e instanceof ReplyException reply && reply.failureCode() == 404;
          page(ctx, notFound ? 404 : 503, notFound ? "Link not valid" : "Try again later", notFound
              ? "<p>This link does not stop any e-mails: the saved search may have been deleted.</p>"
              : "<p>The service is unavailable right now; the link will work later.</p>");
        });
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
