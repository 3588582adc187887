package com.medcontracthub.ai.profile;

import com.medcontracthub.platform.bus.Refusal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a tenant sells and holds, as a notice is scored against it: its capability statement (what it sells, in its
 * own words), the NAICS codes it works in, the certifications and statuses it holds, named from
 * {@link #CERTIFICATIONS}, and the contracts it won before, each described in its own words.
 */
public record Profile(String capability, List<String> naics, List<String> certifications, List<String> pastWins) {

  public static final int MAX_CAPABILITY = 5_000;
  public static final int MAX_NAICS = 50;
  public static final int MAX_PAST_WINS = 20;
  public static final int MAX_PAST_WIN = 500;
  private static final Pattern NAICS = Pattern.compile("\\d{2,6}");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\r\\t]]");

  /**
   * The statuses and certifications a profile may name: the set-asides' socio-economic statuses, then what a
   * solicitation asks a medical supplier to hold or comply with (the values {@code RequirementRules} finds).
   */
  public static final List<String> CERTIFICATIONS = List.of("small business", "8(a)", "HUBZone", "SDVOSB", "VOSB",
      "WOSB", "EDWOSB", "FDA 510(k) clearance", "FDA registration", "ISO 13485", "ISO 9001", "NIOSH approval",
      "CLIA waiver", "Trade Agreements Act", "Berry Amendment", "Buy American Act");

  public static final Set<String> FIELDS = Set.of("capability", "naics", "certifications", "pastWins");

  /** From {@code PUT /api/v1/ai/profile}'s body; a field out of form is a 400 naming it. */
  public static Profile from(JsonObject body) {
    Object capability = body.getValue("capability");
    String text = capability instanceof String given ? given.strip() : "";
    if (text.isEmpty()) {
      throw new Refusal(400, "capability: what the company sells, in its own words, is required");
    }
    if (text.length() > MAX_CAPABILITY) {
      throw new Refusal(400, "capability: at most " + MAX_CAPABILITY + " characters");
    }
    if (CONTROL.matcher(text).find()) {
      throw new Refusal(400, "capability: control characters other than line breaks and tabs are not text");
    }
    List<String> naics = strings(body, "naics");
    if (naics.size() > MAX_NAICS) {
      throw new Refusal(400, "naics: at most " + MAX_NAICS + " codes");
    }
    for (String code : naics) {
      if (!NAICS.matcher(code).matches()) {
        throw new Refusal(400, "naics: '" + code + "' is not a NAICS code (2 to 6 digits)");
      }
    }
    List<String> certifications = strings(body, "certifications");
    for (String held : certifications) {
      if (!CERTIFICATIONS.contains(held)) {
        throw new Refusal(400, "certifications: '" + held + "' is not one of " + String.join(", ", CERTIFICATIONS));
      }
    }
    List<String> pastWins = strings(body, "pastWins");
    if (pastWins.size() > MAX_PAST_WINS) {
      throw new Refusal(400, "pastWins: at most " + MAX_PAST_WINS + " contracts");
    }
    for (String win : pastWins) {
      if (win.isEmpty() || win.length() > MAX_PAST_WIN || CONTROL.matcher(win).find()) {
        throw new Refusal(400, "pastWins: each a contract won, described in 1 to " + MAX_PAST_WIN
            + " characters of text");
      }
    }
    return new Profile(text, naics, certifications, pastWins);
  }

  private static List<String> strings(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || !array.stream().allMatch(String.class::isInstance)) {
      throw new Refusal(400, field + ": expected a list of strings");
    }
    return new ArrayList<>(new LinkedHashSet<>(array.stream().map(String.class::cast).map(String::strip).toList()));
  }

  public JsonObject toJson() {
    return new JsonObject().put("capability", capability).put("naics", new JsonArray(naics))
        .put("certifications", new JsonArray(certifications)).put("pastWins", new JsonArray(pastWins));
  }
}
