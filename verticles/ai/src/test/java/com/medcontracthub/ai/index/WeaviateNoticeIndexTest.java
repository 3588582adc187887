package com.medcontracthub.ai.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import com.medcontracthub.ai.documents.DocumentPassage;
import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.resilience.Breaker;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBase;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBatch.BatchObject;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBatch.BatchObjectsReply;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBatch.BatchObjectsRequest;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoBatchDelete.BatchDeleteRequest;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoProperties.ListValue;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoProperties.Properties;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoProperties.TextValues;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoProperties.Value;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoSearchGet.MetadataResult;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoSearchGet.PropertiesResult;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoSearchGet.SearchReply;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoSearchGet.SearchRequest;
import io.weaviate.client6.v1.internal.grpc.protocol.WeaviateProtoSearchGet.SearchResult;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Weaviate store against {@link WeaviateReplay}: no Weaviate server can run on these machines, so Weaviate's REST
 * and gRPC protocols are replayed on loopback, each reply a message of the protocol definitions shipped in Weaviate's
 * official client (and {@code /v1/meta} as Weaviate's documentation shows it). What is checked: what the adapter sends
 * Weaviate (collections, objects, vectors, tenants, filters, hybrid settings) and how it reads Weaviate's answers.
 * What is not: how a real Weaviate stores, filters and ranks; nothing here was run against a Weaviate server.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The Weaviate store, against Weaviate's replayed wire protocol")
class WeaviateNoticeIndexTest {

  private static final String NOTICES = "MchNotice_all_MiniLM_L6_v2_q_384";
  private static final String PASSAGES = "MchPassage_all_MiniLM_L6_v2_q_384";
  private static final TextFormat.Printer ONE_LINE = TextFormat.printer().emittingSingleLine(true);

  private final WeaviateReplay weaviate = new WeaviateReplay();
  private MchConfig.Ai settings;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    weaviate.start(vertx).await();
    settings = ConfigLoader.load(vertx, "embedded", Optional.empty(), Map.of(
        ConfigKeys.envName(ConfigKeys.AI_STORE), "weaviate",
        ConfigKeys.envName(ConfigKeys.AI_WEAVIATE_URL), "http://127.0.0.1:" + weaviate.httpPort(),
        ConfigKeys.envName(ConfigKeys.AI_WEAVIATE_GRPC_PORT), String.valueOf(weaviate.grpcPort())), Map.of())
        .await().ai();
  }

  @AfterEach
  void stop() {
    weaviate.stop().await();
  }

  private WeaviateNoticeIndex open(Vertx vertx) {
    return WeaviateNoticeIndex.open(vertx, settings, new MchConfig.Resilience(5, 30_000), "all-MiniLM-L6-v2-q", 384)
        .await();
  }

  private static float[] vector(float... head) {
    float[] v = new float[384];
    System.arraycopy(head, 0, v, 0, head.length);
    return v;
  }

  private static float[] floats(com.google.protobuf.ByteString bytes) {
    ByteBuffer buffer = bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[buffer.remaining() / 4];
    buffer.asFloatBuffer().get(out);
    return out;
  }

  private static Value text(String value) {
    return Value.newBuilder().setTextValue(value).build();
  }

  private static String uuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /** A Search reply with one notice, as Weaviate answers it: its properties, its id and the metadata asked for. */
  private static SearchReply oneNotice(MetadataResult.Builder metadata) {
    Properties properties = Properties.newBuilder()
        .putFields("noticeId", text("gloves-1")).putFields("title", text("Nitrile Examination Gloves"))
        .putFields("description", text("Powder-free nitrile exam gloves."))
        .putFields("agency", text("VETERANS AFFAIRS, DEPARTMENT OF.NATIONAL ACQUISITION CENTER"))
        .putFields("setAside", text("SBA"))
        .putFields("naics", Value.newBuilder().setListValue(ListValue.newBuilder()
            .setTextValues(TextValues.newBuilder().addValues("339113"))).build())
        .putFields("due", Value.newBuilder().setDateValue("2026-12-15T19:00:00Z").build())
        .build();
    return SearchReply.newBuilder().setTook(0.003f).addResults(SearchResult.newBuilder()
        .setProperties(PropertiesResult.newBuilder().setNonRefProps(properties))
        .setMetadata(metadata.setId(uuid("notice/gloves-1")))).build();
  }

  @Test
  @DisplayName("connects (live, then a version of 1.32 or later), makes the notices' collection and the passages' "
      + "multi-tenant one, named for the model, with one self-provided vector each; and leaves them be once made")
  void collections(Vertx vertx) {
    open(vertx).close().await();
    assertEquals(List.of("GET /v1/.well-known/live", "GET /v1/meta", "GET /v1/schema/" + NOTICES),
        weaviate.rest.subList(0, 3));
    String notices = weaviate.rest.get(3);
    assertTrue(notices.startsWith("POST /v1/schema/ {\"class\":\"" + NOTICES + "\""), notices);
    assertTrue(notices.contains("\"vectorConfig\":{\"meaning\":{\"vectorIndexType\":\"hnsw\",\"vectorIndexConfig\":{},"
        + "\"vectorizer\":{\"none\":{}}}}"), notices);
    assertTrue(notices.contains("{\"name\":\"naics\",\"dataType\":[\"text[]\"],\"tokenization\":\"field\"}")
        && notices.contains("{\"name\":\"noticeId\",\"dataType\":[\"text\"],\"tokenization\":\"field\"}")
        && notices.contains("{\"name\":\"due\",\"dataType\":[\"date\"]}"), notices);
    assertEquals("GET /v1/schema/" + PASSAGES, weaviate.rest.get(4));
    assertTrue(weaviate.rest.get(5).contains("\"multiTenancyConfig\":{\"enabled\":true"), weaviate.rest.get(5));

    weaviate.rest.clear();
    open(vertx).close().await();
    assertEquals(List.of("GET /v1/.well-known/live", "GET /v1/meta", "GET /v1/schema/" + NOTICES,
        "GET /v1/schema/" + PASSAGES), weaviate.rest, "made already: nothing made again");
  }

  @Test
  @DisplayName("refuses a Weaviate older than 1.32, the oldest the client speaks to")
  void tooOld(Vertx vertx) {
    weaviate.version = "1.31.9";
    Throwable refused = assertThrows(Throwable.class, () -> open(vertx));
    assertTrue(String.valueOf(refused.getMessage()).contains("1.31"), refused.toString());
  }

  @Test
  @DisplayName("writes a notice under its own id with its unit vector and RFC 3339 deadline, and reads hits back: by "
      + "meaning (the cosine from Weaviate's distance), by words and hybrid (Weaviate's fused score)")
  void notices(Vertx vertx) {
    WeaviateNoticeIndex index = open(vertx);
    IndexedNotice gloves = new IndexedNotice("gloves-1", "Nitrile Examination Gloves", "Powder-free nitrile exam gloves.",
        "VETERANS AFFAIRS, DEPARTMENT OF.NATIONAL ACQUISITION CENTER", "SBA", List.of("339113"),
        Instant.parse("2026-12-15T19:00:00Z"));
    index.put(gloves, vector(3, 4)).await();
    BatchObject written = weaviate.grpc(BatchObjectsRequest.class).get(0).getObjects(0);
    assertEquals(List.of(NOTICES, uuid("notice/gloves-1")), List.of(written.getCollection(), written.getUuid()));
    Map<String, com.google.protobuf.Value> properties = written.getProperties().getNonRefProperties().getFieldsMap();
    assertEquals("2026-12-15T19:00:00Z", properties.get("due").getStringValue());
    assertEquals("Nitrile Examination Gloves\nPowder-free nitrile exam gloves.", properties.get("body").getStringValue());
    assertEquals("339113", properties.get("naics").getListValue().getValues(0).getStringValue());
    assertEquals("meaning", written.getVectors(0).getName());
    assertArrayEquals(vector(0.6f, 0.8f), floats(written.getVectors(0).getVectorBytes()), 1e-6f);

    weaviate.searches.add(oneNotice(MetadataResult.newBuilder().setDistance(0.25f).setDistancePresent(true)));
    NoticeFilters filters = new NoticeFilters(List.of("339113", "339112"), "SBA", "National Acquisition Center",
        LocalDate.parse("2026-12-15"), LocalDate.parse("2026-12-15"));
    Hit near = index.nearest(vector(1), filters, 5, "beds-1").await().get(0);
    assertEquals(gloves, near.notice());
    assertEquals(0.75, near.score(), 1e-6);
    SearchRequest asked = weaviate.grpc(SearchRequest.class).get(0);
    assertEquals(List.of(NOTICES, 5, List.of("meaning")), List.of(asked.getCollection(), asked.getLimit(),
        asked.getNearVector().getTargets().getTargetVectorsList()));
    String filter = ONE_LINE.printToString(asked.getFilters());
    for (String part : List.of("operator: OPERATOR_AND", "operator: OPERATOR_CONTAINS_ANY "
            + "value_text_array { values: \"339113\" values: \"339112\" } target { property: \"naics\" }",
        "operator: OPERATOR_EQUAL value_text: \"SBA\" target { property: \"setAside\" }",
        "operator: OPERATOR_CONTAINS_ALL value_text_array { values: \"national\" values: \"acquisition\" values: "
            + "\"center\" } target { property: \"agency\" }",
        "operator: OPERATOR_GREATER_THAN_EQUAL value_text: \"2026-12-15T00:00:00Z\" target { property: \"due\" }",
        "operator: OPERATOR_LESS_THAN value_text: \"2026-12-16T00:00:00Z\" target { property: \"due\" }",
        "operator: OPERATOR_NOT_EQUAL value_text: \"" + uuid("notice/beds-1") + "\"")) {
      assertTrue(filter.contains(part), part + " in " + filter);
    }

    weaviate.searches.add(oneNotice(MetadataResult.newBuilder().setScore(0.91f).setScorePresent(true)));
    Hit fused = index.hybrid("nitrile gloves", vector(1), NoticeFilters.NONE, 10).await().get(0);
    assertEquals(0.91, fused.score(), 1e-6);
    SearchRequest hybrid = weaviate.grpc(SearchRequest.class).get(1);
    assertEquals(List.of("nitrile gloves", 0.75f, "FUSION_TYPE_RELATIVE_SCORE", List.of("title^2", "body")),
        List.of(hybrid.getHybridSearch().getQuery(), hybrid.getHybridSearch().getAlpha(),
            hybrid.getHybridSearch().getFusionType().name(), hybrid.getHybridSearch().getPropertiesList()));
    String settings = ONE_LINE.printToString(hybrid.getHybridSearch().toBuilder().clearNearVector());
    assertTrue(!settings.contains("OPERATOR"), "the client (6.3.0) sends a hybrid no BM25 operator, so Weaviate's "
        + "words part matches any of the words, where the embedded index's needs every one: " + settings);
    assertEquals(false, hybrid.hasFilters(), "no filter asked, none sent");

    weaviate.searches.add(oneNotice(MetadataResult.newBuilder().setScore(4.2f).setScorePresent(true)));
    assertEquals(4.2, index.keyword("ASTM D6319", false, NoticeFilters.NONE, 10).await().get(0).score(), 1e-6);
    assertEquals("query: \"ASTM D6319\" properties: \"title^2\" properties: \"body\" search_operator { operator: "
        + "OPERATOR_OR minimum_or_tokens_match: 1 }",
        ONE_LINE.printToString(weaviate.grpc(SearchRequest.class).get(2).getBm25Search()).strip());

    index.remove("gloves-1").await();
    assertEquals("DELETE /v1/objects/" + NOTICES + "/" + uuid("notice/gloves-1"),
        weaviate.rest.get(weaviate.rest.size() - 1));
    weaviate.objectsCount = 3;
    assertEquals(3L, index.size().await());

    byte[] bytes = new byte[384 * 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.6f).putFloat(0.8f);
    weaviate.searches.add(SearchReply.newBuilder().addResults(SearchResult.newBuilder()
        .setMetadata(MetadataResult.newBuilder().setId(uuid("notice/gloves-1")).addVectors(WeaviateProtoBase.Vectors
            .newBuilder().setName("meaning").setVectorBytes(com.google.protobuf.ByteString.copyFrom(bytes))
            .setType(WeaviateProtoBase.Vectors.VectorType.VECTOR_TYPE_SINGLE_FP32)))).build());
    assertArrayEquals(vector(0.6f, 0.8f), index.vectorOf("gloves-1").await().orElseThrow(), 1e-6f,
        "a similar-notice search starts from the notice's own vector");
    index.close().await();
  }

  @Test
  @DisplayName("keeps a tenant's passages in its own Weaviate tenant, made once, replacing the document's; reads "
      + "them back with their page, for that tenant and notice only")
  void passages(Vertx vertx) {
    WeaviateNoticeIndex index = open(vertx);
    UUID tenant = UUID.randomUUID();
    UUID document = UUID.randomUUID();
    List<DocumentPassage> passages = List.of(
        new DocumentPassage(document, tenant, "gloves-1", "rfq.pdf", 1, 0, "Quotes are due by January 15, 2027."),
        new DocumentPassage(document, tenant, "gloves-1", "rfq.pdf", 2, 1, "Gloves shall meet ASTM D6319."));
    weaviate.rest.clear();
    index.putPassages(tenant, document, passages, List.of(vector(1), vector(0, 1))).await();
    index.putPassages(tenant, document, passages, List.of(vector(1), vector(0, 1))).await();
    assertEquals(List.of("GET /v1/schema/" + PASSAGES + "/tenants/" + tenant,
        "POST /v1/schema/" + PASSAGES + "/tenants [{\"name\":\"" + tenant + "\",\"activityStatus\":\"ACTIVE\"}]"),
        weaviate.rest, "the tenant made once");
    List<BatchDeleteRequest> deletes = weaviate.grpc(BatchDeleteRequest.class);
    assertEquals(2, deletes.size(), "each put replaces what the document had: its passages past the new ones go");
    assertEquals(List.of(PASSAGES, tenant.toString()), List.of(deletes.get(0).getCollection(),
        deletes.get(0).getTenant()));
    assertEquals("operator: OPERATOR_AND filters { operator: OPERATOR_EQUAL value_text: \"" + document + "\" target { "
        + "property: \"documentId\" } } filters { operator: OPERATOR_GREATER_THAN_EQUAL value_int: 2 target { property: "
        + "\"number\" } }", ONE_LINE.printToString(deletes.get(0).getFilters()).strip());
    assertTrue(weaviate.grpc.indexOf(deletes.get(0)) > weaviate.grpc.indexOf(weaviate.grpc(BatchObjectsRequest.class)
        .get(0)), "written first, then the rest deleted: a search never sees the document without passages");
    BatchObjectsRequest written = weaviate.grpc(BatchObjectsRequest.class).get(0);
    assertEquals(List.of(tenant.toString(), tenant.toString()), written.getObjectsList().stream()
        .map(BatchObject::getTenant).toList());
    assertEquals(uuid(document + "/1"), written.getObjects(1).getUuid());

    Properties found = Properties.newBuilder().putFields("documentId", text(document.toString()))
        .putFields("noticeId", text("gloves-1")).putFields("fileName", text("rfq.pdf"))
        .putFields("page", Value.newBuilder().setIntValue(2).build())
        .putFields("number", Value.newBuilder().setIntValue(1).build())
        .putFields("passage", text("Gloves shall meet ASTM D6319.")).build();
    weaviate.searches.add(SearchReply.newBuilder().addResults(SearchResult.newBuilder()
        .setProperties(PropertiesResult.newBuilder().setNonRefProps(found))
        .setMetadata(MetadataResult.newBuilder().setId(uuid(document + "/1")).setDistance(0.1f)
            .setDistancePresent(true))).build());
    PassageHit hit = index.nearestPassages(vector(0, 1), tenant, "gloves-1", 5).await().get(0);
    assertEquals(passages.get(1), hit.passage());
    assertEquals(0.9, hit.score(), 1e-6);
    SearchRequest asked = weaviate.grpc(SearchRequest.class).get(0);
    assertEquals(List.of(PASSAGES, tenant.toString()), List.of(asked.getCollection(), asked.getTenant()));
    assertEquals("operator: OPERATOR_EQUAL value_text: \"gloves-1\" target { property: \"noticeId\" }",
        ONE_LINE.printToString(asked.getFilters()).strip());

    weaviate.searches.add(SearchReply.newBuilder().build());
    index.passagesByWords("ASTM D6319", true, tenant, null, 5).await();
    SearchRequest words = weaviate.grpc(SearchRequest.class).get(1);
    assertEquals("query: \"ASTM D6319\" properties: \"passage\" search_operator { operator: OPERATOR_AND "
        + "minimum_or_tokens_match: 0 }",
        ONE_LINE.printToString(words.getBm25Search()).strip());
    assertEquals(false, words.hasFilters(), "every notice's documents: no filter");

    index.removeDocument(tenant, document).await();
    assertEquals(tenant.toString(), weaviate.grpc(BatchDeleteRequest.class).get(2).getTenant());

    UUID stranger = UUID.randomUUID();
    weaviate.rest.clear();
    int searched = weaviate.grpc(SearchRequest.class).size();
    assertEquals(List.of(), index.nearestPassages(vector(1), stranger, null, 5).await());
    assertEquals(List.of("GET /v1/schema/" + PASSAGES + "/tenants/" + stranger), weaviate.rest,
        "a tenant with no documents: nothing asked of Weaviate, and no tenant made for a search");
    assertEquals(searched, weaviate.grpc(SearchRequest.class).size());
    index.close().await();
  }

  @Test
  @DisplayName("a Weaviate gone away opens its circuit: after five failed searches the next fails at once, saying so")
  void circuit(Vertx vertx) {
    WeaviateNoticeIndex index = open(vertx);
    weaviate.stop().await();
    for (int i = 0; i < 5; i++) {
      assertThrows(Throwable.class, () -> index.nearest(vector(1), NoticeFilters.NONE, 5, null).await());
    }
    Throwable refused = assertThrows(Breaker.DependencyUnavailable.class,
        () -> index.nearest(vector(1), NoticeFilters.NONE, 5, null).await());
    assertEquals("Weaviate failed too often: not called for up to 30000 ms (circuit open)", refused.getMessage());
    index.close().await();
  }

  @Test
  @DisplayName("fails a write Weaviate refused part of, saying why; refuses every call once closed")
  void refusals(Vertx vertx) {
    WeaviateNoticeIndex index = open(vertx);
    weaviate.batchReply = BatchObjectsReply.newBuilder().addErrors(BatchObjectsReply.BatchError.newBuilder()
        .setIndex(0).setError("vector lengths don't match: 384 vs 768")).build();
    IndexedNotice notice = new IndexedNotice("n-1", "Title", null, null, null, List.of(), null);
    Throwable refused = assertThrows(Throwable.class, () -> index.put(notice, vector(1)).await());
    assertTrue(refused.getMessage().startsWith("Weaviate refused 1 object(s)"), refused.getMessage());
    assertTrue(refused.getMessage().contains("vector lengths don't match"), refused.getMessage());
    index.close().await();
    assertThrows(IndexClosing.class, () -> index.put(notice, vector(1)).await());
    assertThrows(IndexClosing.class, () -> index.durable().await());
  }
}
