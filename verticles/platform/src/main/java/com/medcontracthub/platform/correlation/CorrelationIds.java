package com.medcontracthub.platform.correlation;

import com.medcontracthub.codecs.Headers;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Correlation ids: taken from the caller when well-formed, generated otherwise, and bound to the Vert.x duplicated
 * context of the request or message being handled, which every continuation of that work (futures, timers, replies,
 * blocking code it starts) runs on, so log lines can carry the id (see {@link CorrelationIdLogFilter}).
 *
 * <p>A context local must exist before any Vert.x instance: Vert.x loads this class as a service provider
 * ({@code META-INF/services}) while it is being built.
 */
public final class CorrelationIds implements VertxServiceProvider {

  private static final ContextLocal<String> BOUND = ContextLocal.registerLocal(String.class);

  /** Printable, header-safe and short enough for logs and database columns. */
  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  public static String orNew(String fromCaller) {
    return fromCaller != null && ACCEPTED.matcher(fromCaller).matches() ? fromCaller : random().toString();
  }

  /**
   * A version-4 UUID from a thread-local generator: a correlation id must be unique, not unguessable, and
   * {@link UUID#randomUUID()} draws on the shared SecureRandom for every request.
   */
  private static UUID random() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long most = (r.nextLong() & ~0xF000L) | 0x4000L;
    long least = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(most, least);
  }

  /**
   * Binds {@code id} to the work in hand, when it runs on a duplicated context (an HTTP request, an event-bus
   * message); an event loop's own context is shared by all its work and is left alone.
   */
  public static void bind(String id) {
    if (id != null && Vertx.currentContext() instanceof ContextInternal context && context.isDuplicate()) {
      context.putLocal(BOUND, id);
    }
  }

  /** Every message this JVM's event bus delivers binds the correlation id of its headers to its handler's work. */
  public static void bindOnDelivery(Vertx vertx) {
    vertx.eventBus().addInboundInterceptor(delivery -> {
      bind(delivery.message().headers().get(Headers.CORRELATION_ID));
      delivery.next();
    });
  }

  /** The id bound to the work in hand, or null. */
  public static String current() {
    Context context = Vertx.currentContext();
    return context instanceof ContextInternal internal && internal.isDuplicate() ? internal.getLocal(BOUND) : null;
  }

  @Override
  public void init(VertxBootstrap bootstrap) {
    // loaded for the static registration of BOUND
  }
}
