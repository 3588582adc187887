package com.medcontracthub.ai.api;

import static com.medcontracthub.platform.bus.Consumers.part;

import com.medcontracthub.codecs.request.ServiceRequest;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** What the AI service's requests carry beside their query and body. */
public final class AiRequests {

  private AiRequests() {
  }

  /** The notice a route's path names ({@code /ai/opportunities/{id}/…}). */
  public static String noticeId(Message<JsonObject> m) {
    return String.valueOf(part(m, ServiceRequest.PATH).getString("id"));
  }
}
