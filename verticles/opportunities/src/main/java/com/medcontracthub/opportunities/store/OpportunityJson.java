package com.medcontracthub.opportunities.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/** An opportunity row as the API shows it: SAM.gov's names, dates in ISO-8601, deadlines in UTC. */
final class OpportunityJson {

  private OpportunityJson() {
  }

  static JsonObject of(Row row) {
    return new JsonObject()
        .put("noticeId", row.getString("notice_id"))
        .put("title", row.getString("title"))
        .put("solicitationNumber", row.getString("solicitation_number"))
        .put("agency", row.getString("full_parent_path_name"))
        .put("agencyCode", row.getString("full_parent_path_code"))
        .put("postedDate", iso(row.getLocalDate("posted_date")))
        .put("type", row.getString("type"))
        .put("baseType", row.getString("base_type"))
        .put("archiveType", row.getString("archive_type"))
        .put("archiveDate", iso(row.getLocalDate("archive_date")))
        .put("setAside", row.getString("type_of_set_aside"))
        .put("setAsideDescription", row.getString("type_of_set_aside_description"))
        .put("responseDeadline", iso(row.getOffsetDateTime("response_deadline")))
        .put("naicsCodes", new JsonArray(Arrays.asList(row.getArrayOfStrings("naics_codes"))))
        .put("psc", row.getString("classification_code"))
        .put("active", row.getBoolean("active"))
        .put("award", row.getJsonObject("award"))
        .put("pointOfContact", row.getJsonArray("point_of_contact"))
        .put("description", row.getString("description"))
        .put("officeAddress", row.getJsonObject("office_address"))
        .put("placeOfPerformance", row.getJsonObject("place_of_performance"))
        .put("uiLink", row.getString("ui_link"))
        .put("resourceLinks", new JsonArray(Arrays.asList(row.getArrayOfStrings("resource_links"))))
        .put("supersededBy", row.getString("superseded_by"));
  }

  private static String iso(LocalDate date) {
    return date == null ? null : date.toString();
  }

  private static String iso(OffsetDateTime time) {
    return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).toString();
  }
}
