package com.medcontracthub.documents.api;

import static com.medcontracthub.platform.bus.Consumers.ACCEPTED;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** What the documents' REST-facing addresses declare for the gateway's OpenAPI document. */
public final class DocumentSchemas {

  /** A document as every route answers it; a read adds its text, page by page. */
  private static final JsonObject DOCUMENT = new JsonObject("""
      {"type": "object", "required": ["id", "opportunityId", "fileName", "mediaType", "bytes", "state", "steps", "status",
         "file"], "properties": {
        "id": {"type": "string", "format": "uuid"}, "opportunityId": {"type": "string"}, "fileName": {"type": "string"},
        "mediaType": {"enum": ["application/pdf", "image/png", "image/jpeg", "image/tiff"]},
        "bytes": {"type": "integer"}, "state": {"enum": ["processing", "processed", "failed"]},
        "failure": {"type": ["string", "null"], "description": "why it failed"},
        "steps": {"type": "object", "description": "by name (upload, then each step of its processing: text), each with its state (pending, running, retrying, done or failed), attempt, due time (running: its deadline, to be taken by the service performing it and, once taken, to be answered; retrying: the next attempt), when the running attempt was taken (null: it waits its turn), end, and every failed attempt's error",
          "additionalProperties": {"type": "object", "required": ["state"], "properties": {
            "state": {"enum": ["pending", "running", "retrying", "done", "failed"]}, "attempt": {"type": "integer"},
            "due": {"type": ["string", "null"]}, "takenAt": {"type": ["string", "null"]},
            "endedAt": {"type": ["string", "null"]},
            "errors": {"type": "array", "items": {"type": "object", "properties": {"attempt": {"type": "integer"},
              "at": {"type": "string"}, "error": {"type": "string"}}}}}}},
        "pages": {"type": ["integer", "null"]}, "meanConfidence": {"type": ["number", "null"]},
        "uploadedBy": {"type": "string"}, "createdAt": {"type": "string"}, "endedAt": {"type": ["string", "null"]},
        "status": {"type": "string"}, "file": {"type": "string"}}}""");

  public static final JsonObject GET = new JsonObject()
      .put("summary", "a document of the tenant: its steps and, once read, its text page by page (?words=true: with "
          + "each word's box, Tesseract's TSV)")
      .put("response", DOCUMENT.copy().put("properties", DOCUMENT.getJsonObject("properties").copy()
          .put("text", new JsonObject("""
              {"type": "array", "items": {"type": "object", "required": ["page", "method", "text", "confidence"],
                "properties": {"page": {"type": "integer"}, "method": {"enum": ["text-layer", "ocr"]},
                  "text": {"type": "string"}, "confidence": {"type": "integer"}, "words": {"type": ["string", "null"]}}}}
              """))));

  public static final JsonObject LIST = new JsonObject()
      .put("summary", "the documents of an opportunity the tenant uploaded, newest first")
      .put("response", new JsonObject().put("type", "object").put("required", new JsonArray().add("items"))
          .put("properties", new JsonObject().put("items", new JsonObject().put("type", "array").put("items", DOCUMENT))));

  public static final JsonObject CREATE = new JsonObject()
      .put("summary", "record an uploaded document").put("status", ACCEPTED).put("response", DOCUMENT);

  private DocumentSchemas() {
  }
}
