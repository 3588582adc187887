package com.medcontracthub.realtime.bridge;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.platform.flags.FeatureFlags;
import com.medcontracthub.platform.flags.Flag;
import com.medcontracthub.realtime.log.RoomLog;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client socket on a bridge (SockJS or TCP): reads its frames, authenticates it from the {@code Authorization}
 * header of its messages, checks every register and send against {@link Channels} before anything is written to the
 * socket, and releases every room and presence entry when the socket goes, however it goes.
 *
 * <p>Registering with a {@code since} header (the {@code seq} of the last message the client saw on that address)
 * first replays what the room's recovery log holds after it, then what arrived meanwhile, without duplicates. A room's
 * pushes reach the socket in the log's order ({@link RoomOrder}), so that seq covers every push before it.
 * Everything here runs on the socket's event loop.
 */
public final class BridgeSession {

  private static final Logger LOG = LoggerFactory.getLogger(BridgeSession.class);
  private static final String BEARER = "Bearer ";
  /** Frames refused for going over the rate before the socket is closed. */
  private static final int MAX_REFUSED = 100;
  /** How long a push waits for the one logged before it before that one is read from the log. */
  private static final long GAP_MS = 1_000;

  private final BridgeServices services;
  private final Wire wire;
  private final Outlet out;
  private final String key = UUID.randomUUID().toString();
  /** Presence room → this socket's member entry there (its user and state). */
  private final Map<String, JsonObject> presentAs = new HashMap<>();
  /** Whether its presence entries are out of their rooms: live presence is off for its tenant. */
  private boolean withdrawn;
  private final SocketRate rate;
  private final Map<String, Channel> registered = new HashMap<>();
  /** Each registered room's pushes put in the log's order, held while its replay is read. */
  private final Map<String, RoomOrder> orders = new HashMap<>();
  private BridgeAuth.Authenticated auth;
  private String token;
  private Future<Void> tail = Future.succeededFuture();
  private long lastHeard = System.currentTimeMillis();
  private int refused;
  private boolean closed;

  public BridgeSession(BridgeServices services, Wire wire, Outlet out) {
    this.services = services;
    this.wire = wire;
    this.out = out;
    this.rate = new SocketRate(services.settings.messagesPerSecond());
    services.opened(this);
  }

  public void receive(Buffer frame) {
    if (closed) {
      return;
    }
    lastHeard = System.currentTimeMillis();
    if (frame.length() > services.settings.maxFrameBytes()) {
      write(wire.error(null, 413, "frame_too_large"));
      return;
    }
    if (!rate.tryTake()) {
      if (++refused > MAX_REFUSED) {
        close();
      } else {
        write(wire.error(null, 429, "rate_limited"));
      }
      return;
    }
    Inbound in;
    try {
      in = Inbound.parse(frame);
    } catch (Inbound.Malformed e) {
      write(wire.error(null, 400, e.getMessage()));
      return;
    }
    if (in.type().equals("ping")) {
      Buffer pong = wire.pong();
      if (pong != null) {
        write(pong);
      }
      return;
    }
    // authentication and registrations take effect in the order the frames came; answers to sends come when ready
    tail = tail.transform(previous -> handle(in)).transform(done -> {
      if (done.failed()) {
        LOG.warn("bridge frame {} on {} failed: {}", in.type(), in.address(), done.cause().toString());
      }
      return Future.succeededFuture();
    });
  }

  /** The socket went away (closed, cut, timed out): release everything it held. */
  public void ended() {
    shutdown(false);
  }

  /** Closes the socket from this side. */
  public void close() {
    shutdown(true);
  }

  private Future<Void> handle(Inbound in) {
    if (closed) {
      return Future.succeededFuture();
    }
    return principal(in).compose(principal -> {
      if (principal == null || closed) {
        return Future.succeededFuture();
      }
      return switch (in.type()) {
        case "register" -> register(in, principal);
        case "unregister" -> unregister(in);
        case "send" -> send(in, principal);
        default -> refuse(in, 403, "access_denied");
      };
    });
  }

  /** The socket's principal, (re)authenticating when the frame carries a new token; null (and refused) when none. */
  private Future<Principal> principal(Inbound in) {
    String header = in.header("Authorization");
    String presented = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        ? header.substring(BEARER.length()).trim() : null;
    if (presented != null && !presented.equals(token)) {
      return services.auth.authenticate(presented).map(authenticated -> {
        if (auth != null && !auth.principal().equals(authenticated.principal())) {
          unregisterAll();
        }
        auth = authenticated;
        token = presented;
        return authenticated.principal();
      }).recover(e -> refuse(in, 401, "invalid_token").map((Principal) null));
    }
    if (auth == null) {
      return refuse(in, 401, "not_logged_in").map((Principal) null);
    }
    if (auth.expired()) {
      return refuse(in, 401, "token_expired").map((Principal) null);
    }
    return Future.succeededFuture(auth.principal());
  }

  private Future<Void> register(Inbound in, Principal principal) {
    Channel channel = Channels.resolve(in.address(), principal).orElse(null);
    if (channel == null) {
      return refuse(in, 403, "access_denied");
    }
    if (registered.containsKey(in.address())) {
      return Future.succeededFuture();
    }
    String since = in.header("since");
    if (since != null && !RoomLog.wellFormed(since)) {
      return refuse(in, 400, "invalid_since");
    }
    return visible(channel, principal, in).compose(visible -> {
      if (!visible || closed || registered.containsKey(in.address())) {
        return Future.succeededFuture();
      }
      registered.put(in.address(), channel);
      orders.put(channel.room(), new RoomOrder());
      return startOf(channel, since).compose(start -> {
        // the socket may have gone, or given up this registration, while its start was read
        if (closed || registered.get(in.address()) != channel) {
          return Future.succeededFuture();
        }
        return services.rooms.join(channel, this)
            .transform(joined -> {
              if (joined.succeeded()) {
                return since != null ? replay(channel, since)
                    : start == null ? endRecovery(channel, null) : readAfter(channel, start, false);
              }
              // the pushes that wait for the start are let go however the registration ended
              if (since != null) {
                write(wire.error(channel.address(), 503, "recovery_unavailable"));
              }
              endRecovery(channel, null);
              return Future.failedFuture(joined.cause());
            })
            .compose(recovered -> channel.kind() == Channel.Kind.PRESENCE
                ? present(channel, member(principal, "viewing")).mapEmpty()
                : Future.succeededFuture());
      });
    });
  }

  /**
   * Where a registration starts: after {@code since}, or without it after the room's newest push, read before the
   * socket joins the room (what is logged while it joins is read once it has); null when that cannot be read (Redis
   * down), and the pushes are taken from whichever comes first.
   */
  private Future<String> startOf(Channel channel, String since) {
    return since != null ? Future.succeededFuture(since) : services.log.newest(channel.room())
        .map(newest -> newest == null ? RoomLog.BEFORE_FIRST : newest)
        .otherwise((String) null);
  }

  private Future<Void> replay(Channel channel, String since) {
    if (services.log.beyondWindow(since)) {
      write(wire.error(channel.address(), 410, "recovery_window_passed"));
      return endRecovery(channel, null);
    }
    return readAfter(channel, since, true);
  }

  /**
   * Writes what the room's log holds after {@code seq}, then what arrived meanwhile. A client that asked for it (its
   * since) is told when the log cannot be read or holds more than a replay gives; without since, the log is read from
   * the newest push before the socket joined, so that a push logged as it joined does not wait for a later one.
   */
  private Future<Void> readAfter(Channel channel, String seq, boolean asked) {
    return services.log.after(channel.room(), seq).compose(entries -> {
      for (RoomLog.Entry entry : entries) {
        writeAlways(wire.message(channel.address(), entry.seq(), entry.body()));
      }
      if (asked && entries.size() == RoomLog.MAX_REPLAY) {
        write(wire.error(channel.address(), 410, "recovery_incomplete"));
      }
      return endRecovery(channel, entries.isEmpty() ? seq : entries.get(entries.size() - 1).seq());
    }, e -> {
      if (asked) {
        write(wire.error(channel.address(), 503, "recovery_unavailable"));
      }
      return endRecovery(channel, asked ? null : seq);
    });
  }

  /** The replay written up to {@code seq} (null: none could be read), then what arrived meanwhile. */
  private Future<Void> endRecovery(Channel channel, String seq) {
    RoomOrder order = orders.get(channel.room());
    if (order != null) {
      order.replayed(seq, System.currentTimeMillis()).forEach(delivery -> writeAlways(delivery.frame(wire)));
    }
    return Future.succeededFuture();
  }

  private Future<Void> unregister(Inbound in) {
    Channel channel = registered.remove(in.address());
    if (channel != null) {
      leave(channel);
    }
    return Future.succeededFuture();
  }

  private Future<Void> send(Inbound in, Principal principal) {
    Channel channel = Channels.resolve(in.address(), principal).orElse(null);
    if (channel == null || !channel.kind().sendable()) {
      return refuse(in, 403, "access_denied");
    }
    String problem = ChannelSchemas.problem(channel.kind(), in.body());
    if (problem != null) {
      return refuse(in, 400, problem);
    }
    return visible(channel, principal, in).map(visible -> {
      if (visible) {
        dispatch(channel, principal, (JsonObject) in.body())
            .onSuccess(answer -> {
              if (in.replyAddress() != null) {
                write(wire.message(in.replyAddress(), null, Json.encode(answer)));
              }
            })
            .onFailure(e -> failed(in, e));
      }
      return null;
    });
  }

  private Future<Object> dispatch(Channel channel, Principal principal, JsonObject body) {
    JsonObject request = new JsonObject().put(ServiceRequest.PRINCIPAL, principal.toJson())
        .put(ServiceRequest.OPPORTUNITY_ID, channel.opportunityId());
    return switch (channel.kind()) {
      case COMMENTS -> ask(Addresses.COMMENTS_ADD, request.put(ServiceRequest.TEXT, body.getString(ServiceRequest.TEXT))
          .put(ServiceRequest.OP_ID, body.getString(ServiceRequest.OP_ID)));
      case PRESENCE -> registered.containsKey(channel.address())
          ? present(channel, member(principal, body.getString("state")))
              .map(members -> new JsonObject().put("members", members))
          : Future.failedFuture(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 409, "register on the address first"));
      case NOTES -> "load".equals(body.getString("action"))
          ? ask(Addresses.NOTES_LOAD, request)
          : ask(Addresses.NOTES_EDIT, request
              .put(ServiceRequest.VERSION, body.getInteger(ServiceRequest.VERSION))
              .put(ServiceRequest.OPS, body.getJsonArray(ServiceRequest.OPS))
              .put(ServiceRequest.OP_ID, body.getString(ServiceRequest.OP_ID)));
      default -> Future.failedFuture(new IllegalStateException(channel.kind() + " takes no sends"));
    };
  }

  private Future<Object> ask(String address, JsonObject request) {
    return services.vertx.eventBus().request(address, request,
        new DeliveryOptions().setSendTimeout(BridgeServices.SERVICE_TIMEOUT_MS)).map(reply -> reply.body());
  }

  private Future<Boolean> visible(Channel channel, Principal principal, Inbound in) {
    if (channel.opportunityId() == null) {
      return Future.succeededFuture(true);
    }
    return services.access.visible(channel.opportunityId(), principal).compose(
        visible -> visible ? Future.succeededFuture(true) : refuse(in, 403, "access_denied").map(false),
        e -> refuse(in, 503, "unavailable").map(false));
  }

  /** A service's refusal reaches the client with its code and message; anything else as 503 without internals. */
  private void failed(Inbound in, Throwable e) {
    if (e instanceof ReplyException r && r.failureType() == ReplyFailure.RECIPIENT_FAILURE) {
      refuse(in, r.failureCode(), String.valueOf(r.getMessage()));
    } else {
      LOG.warn("bridge send to {} failed: {}", in.address(), e.toString());
      refuse(in, 503, "unavailable");
    }
  }

  /** Tells the client no, on its reply callback when it gave one, else on the address. */
  private Future<Void> refuse(Inbound in, int code, String reason) {
    write(wire.error(in.replyAddress() != null ? in.replyAddress() : in.address(), code, reason));
    return Future.succeededFuture();
  }

  /** A message fanned out to a room this socket is in. */
  void deliver(Delivery delivery) {
    if (closed) {
      return;
    }
    RoomOrder order = orders.get(delivery.room);
    if (order == null) {
      write(delivery.frame(wire));
    } else {
      order.arrived(delivery, System.currentTimeMillis()).forEach(next -> write(next.frame(wire)));
    }
  }

  /**
   * Writes unless the socket is not keeping up: then it is closed (later, not under the caller's loop over a room),
   * and the client recovers what it missed when it reconnects, instead of the server buffering without bound.
   */
  private void write(Buffer frame) {
    if (closed) {
      return;
    }
    if (out.full()) {
      services.vertx.runOnContext(v -> close());
      return;
    }
    out.write(frame);
  }

  /** Replays are bounded ({@link RoomLog#MAX_REPLAY}), so they are written even past the queue's mark. */
  private void writeAlways(Buffer frame) {
    if (!closed) {
      out.write(frame);
    }
  }

  /** Called by the shared timer: an expired token loses its registrations (the socket may present a new one). */
  void tend(long now) {
    if (auth != null && now >= auth.expiresAtMs() && !registered.isEmpty()) {
      unregisterAll();
      write(wire.error(null, 401, "token_expired"));
    }
    List.copyOf(registered.values()).forEach(channel -> fillGap(channel, now));
  }

  /**
   * Reads from the log the pushes a room's waiting push follows on from, when it has waited too long (the JVM that
   * logged them may have died before publishing them); the log unreadable, the socket is closed, and the client
   * recovers from its last seq when it reconnects.
   */
  private void fillGap(Channel channel, long now) {
    RoomOrder order = orders.get(channel.room());
    String[] gap = order == null ? null : order.gap(now, GAP_MS);
    if (gap == null) {
      return;
    }
    services.log.between(channel.room(), gap[0], gap[1])
        .map(entries -> entries.stream()
            .map(entry -> new Delivery(channel.room(), channel.address(), entry.seq(), null, entry.body())).toList())
        .onComplete(read -> {
          if (closed || orders.get(channel.room()) != order) {
            return;
          }
          if (read.succeeded()) {
            order.filled(read.result(), System.currentTimeMillis()).forEach(delivery -> write(delivery.frame(wire)));
          } else {
            LOG.warn("the pushes {} waits for on {} not read ({}): closing the socket", gap[1], channel.room(),
                read.cause().toString());
            services.vertx.runOnContext(v -> close());
          }
        });
  }

  private void unregisterAll() {
    registered.values().forEach(this::leave);
    registered.clear();
  }

  private void leave(Channel channel) {
    services.rooms.leave(channel.room(), this);
    orders.remove(channel.room());
    if (channel.kind() == Channel.Kind.PRESENCE) {
      presentAs.remove(channel.room());
      services.presence.leave(channel.room(), key)
          .onFailure(e -> LOG.warn("presence leave on {} failed (it expires): {}", channel.room(), e.toString()));
    }
  }

  private void shutdown(boolean closeSocket) {
    if (closed) {
      return;
    }
    unregisterAll();
    closed = true;
    services.closed(this);
    if (closeSocket) {
      out.close();
    }
  }

  private static JsonObject member(Principal principal, String state) {
    return new JsonObject().put(Principal.USER_ID, principal.userId().toString()).put(Principal.EMAIL, principal.email()).put("state", state);
  }

  /** The authenticated user's id; null before authentication. */
  String userId() {
    return auth == null ? null : auth.principal().userId().toString();
  }

  long lastHeard() {
    return lastHeard;
  }

  String key() {
    return key;
  }

  Wire wire() {
    return wire;
  }

  /**
   * The presence entries of this socket to refresh now, its presence first brought in step with the flag: live
   * presence switched off for its tenant, its entries leave their rooms (each told who remains); on again, they are
   * put back (each told), and refreshed from the next time on.
   */
  Map<String, JsonObject> presenceToRefresh() {
    boolean live = livePresence();
    if (live == withdrawn) {
      withdrawn = !live;
      presentAs.forEach((room, member) -> (live ? services.presence.join(room, key, member).mapEmpty()
          : services.presence.leave(room, key))
          .onFailure(e -> LOG.warn("presence on {} not brought in step with the flag: {}", room, e.toString())));
      return Map.of();
    }
    return live ? Map.copyOf(presentAs) : Map.of();
  }

  /**
   * Puts this socket on the room's presence as {@code member}, remembered so that a refresh can put it back; while
   * live presence is off for the tenant it is only remembered, and no one is listed.
   */
  private Future<JsonArray> present(Channel channel, JsonObject member) {
    presentAs.put(channel.room(), member);
    // switched off since the last tend, the next one takes this socket out of the rooms it had joined
    return livePresence() ? services.presence.join(channel.room(), key, member)
        : Future.succeededFuture(new JsonArray());
  }

  private boolean livePresence() {
    return auth != null && FeatureFlags.of(services.vertx).on(Flag.LIVE_PRESENCE, auth.principal().tenantId());
  }
}
