package com.medcontracthub.realtime.bridge;

/** A token bucket per socket: {@code perSecond} frames a second, bursts of twice that. */
final class SocketRate {

  private final double perNano;
  private final double capacity;
  private double tokens;
  private long last = System.nanoTime();

  SocketRate(int perSecond) {
    this.perNano = perSecond / 1e9;
    this.capacity = 2.0 * perSecond;
    this.tokens = capacity;
  }

  boolean tryTake() {
    long now = System.nanoTime();
    tokens = Math.min(capacity, tokens + (now - last) * perNano);
    last = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
