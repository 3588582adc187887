package com.medcontracthub.realtime.bridge;

import com.medcontracthub.realtime.log.RoomLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One socket's pushes of one room in the recovery log's order, each once. Each push names the push logged just before
 * it ({@code prev}). Pushes published by different JVMs can arrive out of that order, and one can be missing for good
 * (its JVM died between logging and publishing it): a push whose predecessor has not been written waits for it, and
 * after a while the gap is read from the log. A push at or before the last one written (a replay meeting the live
 * pushes) is dropped. So the seq of the last push a client saw covers every push logged before it: what it resumes
 * from. Until the socket's registration has read where it starts (its replay, or the room's newest push) every push
 * waits; where it starts is set once. Used on the socket's event loop only.
 */
final class RoomOrder {

  private final TreeMap<String, Delivery> waiting = new TreeMap<>(RoomLog.ORDER);
  private String last;
  private boolean replaying = true;
  private boolean filling;
  private long waitingSince;

  /** A push arrived: what to write now, in order. */
  List<Delivery> arrived(Delivery delivery, long now) {
    if (delivery.seq == null) {
      return List.of(delivery);
    }
    // the common case, a push that follows the last written with none waiting: written without sorting or parsing
    if (!replaying && waiting.isEmpty() && last != null && last.equals(delivery.prev)) {
      last = delivery.seq;
      return List.of(delivery);
    }
    if (written(delivery.seq)) {
      return List.of();
    }
    if (waiting.isEmpty()) {
      waitingSince = now;
    }
    waiting.put(delivery.seq, delivery);
    return replaying ? List.of() : drain(now);
  }

  /**
   * The registration starts after {@code seq}: the replay was written up to it (the client's since when it held nothing
   * more), or it is the room's newest push when the client asked for none; null when neither could be read, and the
   * pushes are taken from whichever comes first. What waited meanwhile, as far as it follows on.
   */
  List<Delivery> replayed(String seq, long now) {
    if (!replaying) {
      return List.of();
    }
    replaying = false;
    last = seq;
    return drain(now);
  }

  /**
   * When a push has waited {@code ms} or longer for its predecessor: the seqs to read from the log (after the last
   * written, up to the last waiting), the read then under way until {@link #filled}; null otherwise.
   */
  String[] gap(long now, long ms) {
    if (replaying || filling || waiting.isEmpty() || now - waitingSince < ms) {
      return null;
    }
    filling = true;
    return new String[] {last, waiting.lastKey()};
  }

  /** The log's pushes of the gap, oldest first (empty when it could not be read): what to write now, in order. */
  List<Delivery> filled(List<Delivery> fromLog, long now) {
    filling = false;
    List<Delivery> ready = new ArrayList<>();
    for (Delivery delivery : fromLog) {
      if (!written(delivery.seq)) {
        ready.add(delivery);
        last = delivery.seq;
      }
    }
    if (fromLog.isEmpty()) {
      // the log no longer holds the gap (trimmed, or unreadable): go on from what waited
      last = null;
    }
    ready.addAll(drain(now));
    return ready;
  }

  private List<Delivery> drain(long now) {
    List<Delivery> ready = new ArrayList<>();
    while (!waiting.isEmpty()) {
      Map.Entry<String, Delivery> first = waiting.firstEntry();
      Delivery next = first.getValue();
      if (!written(next.seq)) {
        if (last != null && next.prev != null && RoomLog.ORDER.compare(next.prev, last) > 0) {
          break;
        }
        ready.add(next);
        last = next.seq;
      }
      waiting.pollFirstEntry();
    }
    if (!ready.isEmpty()) {
      waitingSince = now;
    }
    return ready;
  }

  private boolean written(String seq) {
    return last != null && RoomLog.ORDER.compare(seq, last) <= 0;
  }
}
