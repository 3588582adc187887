package com.medcontracthub.realtime.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A room's pushes to one socket")
class RoomOrderTest {

  private static Delivery push(String seq, String prev) {
    return new Delivery("rt.room", "room", seq, prev, "{}");
  }

  private static List<String> seqs(List<Delivery> deliveries) {
    return deliveries.stream().map(d -> d.seq).toList();
  }

  /** A socket whose registration started after {@code seq}. */
  private static RoomOrder from(String seq) {
    RoomOrder order = new RoomOrder();
    order.replayed(seq, 0);
    return order;
  }

  @Test
  @DisplayName("are written as they come when each follows the last written")
  void inOrder() {
    RoomOrder order = from("8-0");
    assertEquals(List.of("9-0"), seqs(order.arrived(push("9-0", "8-0"), 0)));
    assertEquals(List.of("9-1"), seqs(order.arrived(push("9-1", "9-0"), 0)));
    assertEquals(List.of("10-0"), seqs(order.arrived(push("10-0", "9-1"), 0)));
  }

  @Test
  @DisplayName("wait for the push logged before them, then go in the log's order; one written already is dropped")
  void outOfOrder() {
    RoomOrder order = from("8-0");
    assertEquals(List.of(), seqs(order.arrived(push("10-0", "9-0"), 0)), "9-0 not written yet");
    assertEquals(List.of(), seqs(order.arrived(push("11-0", "10-0"), 0)));
    assertEquals(List.of("9-0", "10-0", "11-0"), seqs(order.arrived(push("9-0", "8-0"), 0)));
    assertEquals(List.of(), seqs(order.arrived(push("10-0", "9-0"), 0)), "published twice, written once");
  }

  @Test
  @DisplayName("wait while the replay is read, and those the replay wrote are not written again")
  void replay() {
    RoomOrder order = new RoomOrder();
    assertEquals(List.of(), seqs(order.arrived(push("5-0", "4-0"), 0)), "the client saw it");
    assertEquals(List.of(), seqs(order.arrived(push("7-0", "6-0"), 0)));
    assertEquals(List.of(), seqs(order.arrived(push("8-0", "7-0"), 0)));
    assertEquals(List.of("8-0"), seqs(order.replayed("7-0", 0)), "the replay ended at 7-0");
    assertEquals(List.of("9-0"), seqs(order.arrived(push("9-0", "8-0"), 0)));
  }

  @Test
  @DisplayName("a replay that could not be read takes them from the first that came on")
  void replayUnavailable() {
    RoomOrder order = new RoomOrder();
    order.arrived(push("9-0", "8-0"), 0);
    assertEquals(List.of("9-0"), seqs(order.replayed(null, 0)));
  }

  @Test
  @DisplayName("where the pushes start is set once: a later start (a registration step failing after it) changes nothing")
  void startsOnce() {
    RoomOrder order = from("8-0");
    assertEquals(List.of(), seqs(order.replayed(null, 0)));
    assertEquals(List.of(), seqs(order.arrived(push("10-0", "9-0"), 0)), "still waits for 9-0");
    assertEquals(List.of("9-0", "10-0"), seqs(order.arrived(push("9-0", "8-0"), 0)));
  }

  @Test
  @DisplayName("a registration from an empty log waits for the first push's predecessor too: none is lost to a later one "
      + "that came first")
  void fromEmptyLog() {
    RoomOrder order = from("0-0");
    assertEquals(List.of(), seqs(order.arrived(push("9-1", "9-0"), 0)));
    assertEquals(List.of("9-0", "9-1"), seqs(order.arrived(push("9-0", null), 0)));
  }

  @Test
  @DisplayName("a push missing for good is read from the log after a while, once, and what waited follows it")
  void gap() {
    RoomOrder order = from("8-0");
    order.arrived(push("10-0", "9-0"), 100);
    assertNull(order.gap(1_099, 1_000), "not waited long enough");
    assertArrayEquals(new String[] {"8-0", "10-0"}, order.gap(1_100, 1_000));
    assertNull(order.gap(1_200, 1_000), "the read is under way");
    order.arrived(push("11-0", "10-0"), 1_150);
    assertEquals(List.of("9-0", "10-0", "11-0"), seqs(order.filled(List.of(push("9-0", null), push("10-0", null)),
        1_200)));
    assertNull(order.gap(5_000, 1_000), "nothing waits");
  }

  @Test
  @DisplayName("a gap the log no longer holds is given up: what waited is written")
  void gapTrimmed() {
    RoomOrder order = from("8-0");
    order.arrived(push("10-0", "9-0"), 0);
    order.gap(1_000, 1_000);
    assertEquals(List.of("10-0"), seqs(order.filled(List.of(), 1_000)));
  }

  @Test
  @DisplayName("messages outside the log (no seq) are written at once; seqs compare as numbers")
  void unlogged() {
    RoomOrder order = new RoomOrder();
    Delivery unlogged = push(null, null);
    assertEquals(List.of(unlogged), order.arrived(unlogged, 0), "written while the replay is read");
    order.replayed("999-9", 0);
    assertEquals(List.of("1000-0"), seqs(order.arrived(push("1000-0", "999-9"), 0)));
    assertEquals(List.of("1000-10"), seqs(order.arrived(push("1000-10", "1000-0"), 0)));
  }
}
