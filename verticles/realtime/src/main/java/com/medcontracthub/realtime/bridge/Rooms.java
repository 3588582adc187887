package com.medcontracthub.realtime.bridge;

import com.medcontracthub.realtime.log.RoomLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The rooms the sockets of one event loop listen to: one event-bus consumer per room however many sockets joined it
 * (made with the first, removed with the last), and each message's frame built once for all of them.
 */
final class Rooms {

  private static final class Room {
    final String address;
    final Set<BridgeSession> members = new LinkedHashSet<>();
    MessageConsumer<String> consumer;
    Future<Void> ready;

    Room(String address) {
      this.address = address;
    }
  }

  private final Vertx vertx;
  private final Map<String, Room> rooms = new HashMap<>();

  Rooms(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Completes once the room's consumer is registered (cluster-wide when clustered); joining twice is joining once. */
  Future<Void> join(Channel channel, BridgeSession session) {
    Room room = rooms.computeIfAbsent(channel.room(), address -> open(address, channel.address()));
    room.members.add(session);
    return room.ready;
  }

  void leave(String address, BridgeSession session) {
    Room room = rooms.get(address);
    if (room != null && room.members.remove(session) && room.members.isEmpty()) {
      rooms.remove(address);
      room.consumer.unregister();
    }
  }

  /** Rooms with a consumer now; for tests and metrics. */
  int count() {
    return rooms.size();
  }

  private Room open(String address, String publicAddress) {
    Room room = new Room(address);
    room.consumer = vertx.eventBus().consumer(address, message -> {
      Delivery delivery = new Delivery(address, publicAddress, message.headers().get(RoomLog.SEQ),
          message.headers().get(RoomLog.PREV), message.body());
      for (BridgeSession member : room.members) {
        member.deliver(delivery);
      }
    });
    room.ready = room.consumer.completion();
    return room;
  }
}
