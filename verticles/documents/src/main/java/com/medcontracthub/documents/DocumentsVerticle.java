package com.medcontracthub.documents;

import static com.medcontracthub.platform.bus.Consumers.ACCEPTED;
import static com.medcontracthub.platform.bus.Consumers.body;
import static com.medcontracthub.platform.bus.Consumers.correlationId;
import static com.medcontracthub.platform.bus.Consumers.part;
import static com.medcontracthub.platform.bus.Consumers.principal;
import static com.medcontracthub.platform.bus.Consumers.serve;
import static com.medcontracthub.platform.bus.Consumers.uuidOrNull;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.codecs.request.Principal;
import com.medcontracthub.codecs.request.ServiceRequest;
import com.medcontracthub.documents.api.DocumentSchemas;
import com.medcontracthub.documents.saga.DocumentSaga;
import com.medcontracthub.documents.store.Document;
import com.medcontracthub.documents.store.DocumentStore;
import com.medcontracthub.platform.blob.BlobStore;
import com.medcontracthub.platform.bus.QueryParams;
import com.medcontracthub.platform.bus.Refusal;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.documents.DocumentPages;
import com.medcontracthub.platform.schema.ServiceSchemas;
import com.medcontracthub.platform.service.ServiceVerticle;
import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The documents users upload to opportunities, on the event bus: recording an upload (which starts its processing
 * saga), reading one with its steps and text, listing an opportunity's, and naming a file for the gateway. Always
 * within the caller's tenant: another's is 404.
 */
public final class DocumentsVerticle extends ServiceVerticle {

  private static final String NOT_FOUND = "no such document";
  private static final Set<String> UPLOAD_FIELDS = Set.of("blob", "bytes", "fileName", "mediaType");
  private static final int MAX_LISTED = 200;
  private static final String WORDS = "words";

  public DocumentsVerticle(MchConfig config) {
    super(config);
  }

  @Override
  public Future<?> start() {
    DocumentStore store = new DocumentStore(pool());
    DocumentSaga saga = new DocumentSaga(pool(), config.documents());
    DocumentPages texts = new DocumentPages(vertx, BlobStore.of(vertx, config));
    return Future.all(List.of(
        serve(vertx, Addresses.DOCUMENTS_CREATE, ACCEPTED, m -> {
          Document uploaded = uploaded(m);
          return saga.start(uploaded).compose(v -> store.get(uploaded.tenant(), uploaded.id()))
              .map(stored -> stored.orElseThrow().toJson());
        }),
        serve(vertx, Addresses.DOCUMENTS_GET, m -> found(store, m).compose(document -> texts.of(document.textBlob(),
                Boolean.TRUE.equals(new QueryParams(part(m, ServiceRequest.QUERY), Set.of(WORDS)).bool(WORDS)))
            .map(pages -> document.toJson().put("text", pages)))),
        serve(vertx, Addresses.DOCUMENTS_LIST, m -> store.byNotice(principal(m).tenantId(),
                part(m, ServiceRequest.PATH).getString("id", ""), MAX_LISTED)
            .map(all -> new JsonObject().put("items", new JsonArray(all.stream().map(Document::toJson).toList())))),
        serve(vertx, Addresses.DOCUMENTS_FILE, m -> found(store, m).map(document -> new JsonObject()
            .put("blob", document.blob()).put("name", document.fileName()).put("mediaType", document.mediaType()))),
        serve(vertx, Addresses.DOCUMENTS_DAILY_COUNTS, m -> store.dailyCounts()),
        ServiceSchemas.declare(vertx, Addresses.DOCUMENTS_GET, DocumentSchemas.GET),
        ServiceSchemas.declare(vertx, Addresses.DOCUMENTS_LIST, DocumentSchemas.LIST),
        ServiceSchemas.declare(vertx, Addresses.DOCUMENTS_CREATE, DocumentSchemas.CREATE)));
  }

  private static Document uploaded(Message<JsonObject> message) {
    Principal uploader = principal(message);
    JsonObject body = body(message, UPLOAD_FIELDS);
    String notice = part(message, ServiceRequest.PATH).getString("id");
    if (notice == null || notice.isBlank()) {
      throw new Refusal(404, "no such opportunity");
    }
    return new Document(UUID.randomUUID(), uploader.tenantId(), notice, uploader.userId(), body.getString("fileName"),
        body.getString("mediaType"), body.getString("blob"), body.getLong("bytes"), Document.PROCESSING, null, null,
        null, null, correlationId(message), Instant.now(), null, new JsonArray());
  }

  private static Future<Document> found(DocumentStore store, Message<JsonObject> message) {
    UUID id = uuidOrNull(part(message, ServiceRequest.PATH).getString("id"));
    return id == null ? Future.failedFuture(new Refusal(404, NOT_FOUND)) : store.get(principal(message).tenantId(), id)
        .compose(found -> found.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(new Refusal(404,
            NOT_FOUND))));
  }
}
