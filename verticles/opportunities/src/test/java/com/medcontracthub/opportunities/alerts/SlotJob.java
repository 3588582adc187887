package com.medcontracthub.opportunities.alerts;

import com.medcontracthub.codecs.jobs.DigestJob;
import com.medcontracthub.jobs.RunningJob;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** An hourly alert job of one slot, as a worker hands it to its handler (its first attempt of three). */
record SlotJob(String type, Instant hour) implements RunningJob {

  @Override
  public String id() {
    return "repeat:" + type + ":" + hour.toEpochMilli();
  }

  @Override
  public JsonObject data() {
    return new JsonObject().put(DigestJob.SLOT, hour.toEpochMilli());
  }

  @Override
  public int attempt() {
    return 1;
  }

  @Override
  public int maxAttempts() {
    return 3;
  }

  @Override
  public String tenant() {
    return null;
  }

  @Override
  public String user() {
    return null;
  }

  @Override
  public JsonObject checkpoint() {
    return null;
  }

  @Override
  public Future<Void> progress(int percent, JsonObject checkpoint) {
    return Future.succeededFuture();
  }
}
