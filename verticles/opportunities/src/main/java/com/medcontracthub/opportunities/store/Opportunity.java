package com.medcontracthub.opportunities.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;

/**
 * One SAM.gov opportunity, validated and normalised (dates parsed, "Yes"/"No" as a boolean, NAICS codes as one
 * list). Its {@link #contentHash()} changes exactly when a stored field does, so a re-import can tell "unchanged".
 */
public record Opportunity(
    String noticeId,
    String title,
    String solicitationNumber,
    String fullParentPathName,
    String fullParentPathCode,
    LocalDate postedDate,
    String type,
    String baseType,
    String archiveType,
    LocalDate archiveDate,
    String typeOfSetAside,
    String typeOfSetAsideDescription,
    OffsetDateTime responseDeadline,
    String naicsCode,
    List<String> naicsCodes,
    String classificationCode,
    boolean active,
    JsonObject award,
    JsonArray pointOfContact,
    String description,
    JsonObject officeAddress,
    JsonObject placeOfPerformance,
    String uiLink,
    List<String> resourceLinks) {

  /** SHA-256 of every stored field in a fixed order. */
  public String contentHash() {
    JsonObject canonical = new JsonObject()
        .put("title", title).put("solicitationNumber", solicitationNumber)
        .put("fullParentPathName", fullParentPathName).put("fullParentPathCode", fullParentPathCode)
        .put("postedDate", postedDate.toString()).put("type", type).put("baseType", baseType)
        .put("archiveType", archiveType).put("archiveDate", archiveDate == null ? null : archiveDate.toString())
        .put("typeOfSetAside", typeOfSetAside).put("typeOfSetAsideDescription", typeOfSetAsideDescription)
        .put("responseDeadline", responseDeadline == null ? null : responseDeadline.toInstant().toString())
        .put("naicsCode", naicsCode).put("naicsCodes", new JsonArray(naicsCodes))
        .put("classificationCode", classificationCode).put("active", active).put("award", award)
        .put("pointOfContact", pointOfContact).put("description", description)
        .put("officeAddress", officeAddress).put("placeOfPerformance", placeOfPerformance)
        .put("uiLink", uiLink).put("resourceLinks", new JsonArray(resourceLinks));
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonical.encode().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
