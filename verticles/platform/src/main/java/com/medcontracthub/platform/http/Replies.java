package com.medcontracthub.platform.http;

import com.medcontracthub.codecs.Headers;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.platform.bus.Consumers;
import com.medcontracthub.platform.bus.Refusal;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.ext.web.RoutingContext;

/** What routes served over the event bus share: delivery options, and turning failures into problem responses. */
public final class Replies {

  /** The key under which a request's correlation id is kept in its {@link RoutingContext}. */
  public static final String CORRELATION_ID = "correlationId";

  /** The key under which the authenticated {@link Principal}'s JSON is kept. */
  public static final String PRINCIPAL = ServiceRequest.PRINCIPAL;

  private Replies() {
  }

  public static DeliveryOptions options(RoutingContext ctx, long timeoutMs) {
    return new DeliveryOptions().setSendTimeout(timeoutMs).addHeader(Headers.CORRELATION_ID, ctx.get(CORRELATION_ID));
  }

  public static void problem(RoutingContext ctx, int status, String detail) {
    Problems.send(ctx, status, detail);
  }

  /**
   * A service's refusal ({@link #refused}) passes on with its status and message; no handler is 503, no answer in time
   * 504, anything else a generic 5xx without internals.
   */
  public static void failure(RoutingContext ctx, Throwable e) {
    int status = statusOf(e);
    Problems.send(ctx, status, refused(e) ? e.getMessage()
        : status == 504 ? "no answer in time" : "the service cannot answer right now");
  }

  /**
   * Whether a service refused the request on purpose ({@link Refusal}: bad input, not allowed, a capability switched
   * off or too busy) rather than failed: a 4xx, or a 503 other than the one a failed handler answers.
   */
  public static boolean refused(Throwable e) {
    if (!(e instanceof ReplyException reply) || reply.failureType() != ReplyFailure.RECIPIENT_FAILURE) {
      return false;
    }
    int code = reply.failureCode();
    return code >= 400 && code < 500 || code == 503 && !Consumers.FAILED.equals(reply.getMessage());
  }

  private static int statusOf(Throwable e) {
    if (!(e instanceof ReplyException reply)) {
      return 500;
    }
    if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return 503;
    }
    if (reply.failureType() == ReplyFailure.TIMEOUT) {
      return 504;
    }
    return reply.failureCode() >= 400 && reply.failureCode() < 600 ? reply.failureCode() : 500;
  }
}
