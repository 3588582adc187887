package com.medcontracthub.opportunities.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.codecs.avro.Events;
import com.medcontracthub.events.OpportunityChanged;
import com.medcontracthub.opportunities.store.OpportunityStore;
import com.medcontracthub.platform.db.Migrations;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The importer against the embedded PostgreSQL, migrated by the real migrations. */
@DisplayName("SAM.gov import")
class ImporterTest {

  private static Vertx vertx;
  private static Pool pool;
  private static Importer importer;
  private final String p = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void setUp() {
    String uri = TestInfrastructure.get().settings().get(ConfigKeys.POSTGRES_URI);
    Migrations.apply(uri);
    vertx = Vertx.vertx();
    pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(uri)).using(vertx).build();
    importer = new Importer(new OpportunityStore(pool));
  }

  @AfterAll
  static void tearDown() {
    vertx.close().await();
  }

  private Importer.Report importText(String text) throws Exception {
    List<Long> progress = new ArrayList<>();
    byte[] file = text.replace("{p}", p).getBytes(StandardCharsets.UTF_8);
    Importer.Report report = importer.run(() -> new ByteArrayInputStream(file), "corr-" + p,
        (records, bytes) -> progress.add(records));
    assertTrue(!progress.isEmpty(), "progress is reported");
    return report;
  }

  private long count(String noticeIds) {
    return pool.preparedQuery("SELECT count(*) FROM opportunities.opportunities WHERE notice_id LIKE $1")
        .execute(Tuple.of(noticeIds)).await().iterator().next().getLong(0);
  }

  /** The notice's events in the outbox, in the order they were written. */
  private List<OpportunityChanged> events(String noticeId) {
    List<OpportunityChanged> events = new ArrayList<>();
    pool.preparedQuery("SELECT value FROM platform.outbox WHERE record_key = $1 ORDER BY id").execute(Tuple.of(noticeId))
        .await().forEach(r -> events.add((OpportunityChanged) Events.decode(r.getBuffer("value").getBytes())));
    return events;
  }

  private Row row(String noticeId) {
    var rows = pool.preparedQuery("SELECT * FROM opportunities.opportunities WHERE notice_id = $1").execute(Tuple.of(noticeId)).await();
    return rows.size() == 0 ? null : rows.iterator().next();
  }

  /** A SAM.gov v2 search response with good, amended, malformed and duplicate records. */
  private static final String RESPONSE = """
      {"totalRecords": 8, "limit": 1000, "offset": 0, "opportunitiesData": [
        {"noticeId": "{p}-a1", "title": "Surgical gloves, nitrile", "solicitationNumber": "{p}-SOL-1",
         "fullParentPathName": "VETERANS AFFAIRS, DEPARTMENT OF.VETERANS AFFAIRS, DEPARTMENT OF.NAC",
         "postedDate": "2024-03-01", "type": "Solicitation", "baseType": "Solicitation",
         "typeOfSetAside": "SDVOSBC", "typeOfSetAsideDescription": "Service-Disabled Veteran-Owned Small Business",
         "responseDeadLine": "2024-04-01T17:00:00-04:00", "naicsCode": "339113", "naicsCodes": ["339113"],
         "classificationCode": "6515", "active": "Yes", "award": null,
         "pointOfContact": [{"fullName": "Pat Buyer", "email": "pat.buyer@va.gov", "type": "primary"}],
         "placeOfPerformance": {"state": {"code": "TX"}}, "uiLink": "https://sam.gov/opp/{p}-a1/view",
         "resourceLinks": ["https://sam.gov/api/prod/opps/v3/opportunities/resources/files/1/download"]},
        {"noticeId": "{p}-b1", "title": "Infusion pumps", "solicitationNumber": "{p}-SOL-2",
         "postedDate": "2024-03-02 10:15:00.123-05", "responseDeadLine": "2024-04-10T12:00:00-0400",
         "active": "No", "naicsCode": "339112"},
        {"noticeId": "{p}-a2", "title": "Surgical gloves, nitrile (Amendment 1)", "solicitationNumber": "{p}-SOL-1",
         "postedDate": "2024-03-05", "active": "Yes", "naicsCode": "339113"},
        {"noticeId": "{p}-bad1", "postedDate": "2024-03-01", "active": "Yes"},
        {"noticeId": "{p}-bad2", "title": "Wrong date", "postedDate": "03/01/2024"},
        {"title": "No notice id", "postedDate": "2024-03-01"},
        {"noticeId": "{p}-b1", "title": "Infusion pumps", "solicitationNumber": "{p}-SOL-2",
         "postedDate": "2024-03-02 10:15:00.123-05", "responseDeadLine": "2024-04-10T12:00:00-0400",
         "active": "No", "naicsCode": "339112"},
        {"noticeId": "{p}-bad3", "title": 42, "postedDate": "2024-03-01"}
      ], "links": [{"rel": "self", "href": "https://api.sam.gov/opportunities/v2/search"}]}
      """;

  @Test
  @DisplayName("counts good, amended, malformed and duplicate records, links the amendment, and a re-import is a no-op")
  void importsResponse() throws Exception {
    Importer.Report first = importText(RESPONSE);
    assertEquals(8, first.records());
    assertEquals(3, first.inserted(), first.toJson().encodePrettily());
    assertEquals(0, first.updated());
    assertEquals(1, first.unchanged(), "the duplicate of b1");
    assertEquals(4, first.rejected());
    assertEquals(List.of("title: missing", "postedDate: expected 2024-03-01 or 2024-03-01 10:15:00-05, got '03/01/2024'",
        "noticeId: missing", "title: expected a string, got integer"),
        first.rejections().stream().map(Importer.Rejection::reason).toList());
    assertEquals(List.of(4L, 5L, 6L, 8L), first.rejections().stream().map(Importer.Rejection::record).toList());

    Row original = row(p + "-a1");
    assertEquals(p + "-a2", original.getString("superseded_by"), "the amendment replaces the original");
    assertNull(row(p + "-a2").getString("superseded_by"));
    String agency = "VETERANS AFFAIRS, DEPARTMENT OF.VETERANS AFFAIRS, DEPARTMENT OF.NAC";
    assertEquals(List.of(List.of("inserted", agency, "339113", "SDVOSBC", "2024-03-01"),
            List.of("superseded", agency, "339113", "SDVOSBC", "2024-03-01")),
        events(p + "-a1").stream().map(e -> List.of(e.getChange(), e.getAgency(), e.getNaicsCode(), e.getSetAside(),
            e.getPostedDate())).toList(), "each event carries the notice's facts, the amendment's link too");
    assertEquals("corr-" + p, original.getString("correlation_id"));
    assertEquals(OffsetDateTime.of(2024, 4, 1, 21, 0, 0, 0, ZoneOffset.UTC),
        original.getOffsetDateTime("response_deadline").withOffsetSameInstant(ZoneOffset.UTC));
    assertEquals("pat.buyer@va.gov", original.getJsonArray("point_of_contact").getJsonObject(0).getString("email"));
    Row pumps = row(p + "-b1");
    assertEquals(false, pumps.getBoolean("active"));
    assertEquals("2024-03-02", pumps.getLocalDate("posted_date").toString());
    assertEquals(OffsetDateTime.of(2024, 4, 10, 16, 0, 0, 0, ZoneOffset.UTC),
        pumps.getOffsetDateTime("response_deadline").withOffsetSameInstant(ZoneOffset.UTC));
    assertNull(row(p + "-bad1"));

    Importer.Report again = importText(RESPONSE);
    assertEquals(0, again.inserted());
    assertEquals(0, again.updated());
    assertEquals(4, again.unchanged());
    assertEquals(0, again.amendmentsLinked());
    assertEquals(4, again.rejected());
  }

  @Test
  @DisplayName("reads JSON lines, and updates a notice whose content changed")
  void importsJsonLines() throws Exception {
    String lines = """
        {"noticeId": "{p}-l1", "title": "Exam tables", "postedDate": "2024-05-01", "active": "Yes"}
        {"noticeId": "{p}-l2", "title": "Wheelchairs", "postedDate": "2024-05-02", "active": "Yes", "naicsCode": null}
        """;
    Importer.Report first = importText(lines);
    assertEquals(2, first.inserted());
    Importer.Report changed = importText(lines.replace("Wheelchairs", "Wheelchairs, bariatric"));
    assertEquals(1, changed.updated());
    assertEquals(1, changed.unchanged());
    assertEquals("Wheelchairs, bariatric", row(p + "-l2").getString("title"));
  }

  @Test
  @DisplayName("refreshes the planner's statistics of the opportunities, as it does after a bulk import")
  void plannerStatistics() {
    new OpportunityStore(pool).analyze().await();
  }

  @Test
  @DisplayName("refuses a file that stops being JSON, saying where, and writes none of it")
  void malformedJson() {
    MalformedFileException e = assertThrows(MalformedFileException.class, () -> importText("""
        {"noticeId": "{p}-m1", "title": "Gauze", "postedDate": "2024-05-01", "active": "Yes"}
        {"noticeId": "{p}-m2", "title": "Syringes", "postedDate": "2024-05-01", "active": "Yes"}
        {"noticeId": "{p}-m3", "title": "Broken
        """));
    assertTrue(e.getMessage().startsWith("malformed JSON at line 3, column "), e.getMessage());
    assertEquals(0L, count(p + "-m%"), "nothing written");
  }

  @Test
  @DisplayName("refuses text that is not JSON, and a search response cut off in its records, naming line and column")
  void notJson() {
    assertEquals("malformed JSON at line 1, column 8: Unrecognized token 'garbage': was expecting (JSON String, "
        + "Number, Array, Object or token 'null', 'true' or 'false')",
        assertThrows(MalformedFileException.class, () -> importText("garbage")).getMessage());
    assertTrue(assertThrows(MalformedFileException.class, () -> importText("{\"opportunitiesData\": ["))
        .getMessage().startsWith("malformed JSON at line 1, column 24: Unexpected end-of-input"));
  }
}
