package com.medcontracthub.ai.analysis;

import com.medcontracthub.ai.profile.Profile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A bid/no-bid score, 0 to 100, of a notice against a tenant's profile, with the reasons that moved it from 50. Rules
 * for what can be checked (the NAICS codes, the set-aside's status, each certification or compliance the notice asks
 * for), and learned measures: how close the capability statement, and the closest of the contracts won before, are in
 * meaning to the notice (the cosine of their embeddings). Each reason says which it is.
 */
public final class FitScore {

  static final int START = 50;
  static final int NAICS_MATCH = 15;
  static final int NAICS_MISS = -15;
  static final int ELIGIBLE = 15;
  static final int NOT_ELIGIBLE = -40;
  static final int HELD = 5;
  static final int NOT_HELD = -10;
  /** Cosines of unrelated texts sit near this; the points grow with the distance from it. */
  static final double NEUTRAL_COSINE = 0.35;
  static final int COSINE_WEIGHT = 60;
  static final int CLOSEST = 20;
  static final int FARTHEST = -15;
  /** Resembling a contract won counts for; resembling none, against nothing (a new line of business is no fault). */
  static final int LIKE_A_WIN = 15;
  private static final int WIN_SHOWN = 80;
  static final int BID = 60;
  static final int CONSIDER = 40;

  /**
   * SAM.gov's set-aside codes, as the status a prime offeror must hold. A partial set-aside (SBP) leaves part of the
   * award open to all: it is not counted.
   */
  static final Map<String, String> SET_ASIDE_STATUS = Map.ofEntries(Map.entry("SBA", "small business"),
      Map.entry("8A", "8(a)"), Map.entry("8AN", "8(a)"), Map.entry("HZC", "HUBZone"), Map.entry("HZS", "HUBZone"),
      Map.entry("SDVOSBC", "SDVOSB"), Map.entry("SDVOSBS", "SDVOSB"), Map.entry("WOSB", "WOSB"),
      Map.entry("WOSBSS", "WOSB"), Map.entry("EDWOSB", "EDWOSB"), Map.entry("EDWOSBSS", "EDWOSB"),
      Map.entry("VSA", "VOSB"), Map.entry("VSS", "VOSB"));

  /** A status also held by holding another: every socio-economic status is a small business's. */
  private static final Map<String, Set<String>> IMPLIED = Map.of("SDVOSB", Set.of("VOSB", "small business"),
      "VOSB", Set.of("small business"), "EDWOSB", Set.of("WOSB", "small business"), "WOSB", Set.of("small business"),
      "8(a)", Set.of("small business"), "HUBZone", Set.of("small business"));

  private record Reason(int points, String why, String basis) {
  }

  /** The profile's past win nearest in meaning to the notice, and the cosine of their embeddings. */
  public record ClosestWin(String win, double cosine) {
  }

  /**
   * {@code {score, recommendation, reasons: [{points, reason, basis}]}}: {@code notice} as the opportunities service
   * answers it, its requirements, the cosine of the capability statement's embedding and the notice's, and the past
   * win closest to the notice (none: the profile lists none).
   */
  public JsonObject of(JsonObject notice, List<Requirement> requirements, Profile profile, double cosine,
      Optional<ClosestWin> closestWin) {
    List<Reason> reasons = new ArrayList<>();
    naics(notice, profile, reasons);
    setAside(notice, requirements, profile, reasons);
    certifications(requirements, profile, reasons);
    int learned = (int) Math.round(Math.max(FARTHEST, Math.min(CLOSEST, (cosine - NEUTRAL_COSINE) * COSINE_WEIGHT)));
    String distance = learned > 0 ? "close to" : learned < 0 ? "far from" : "neither close to nor far from";
    reasons.add(new Reason(learned, String.format(Locale.ROOT, "your capability statement is %s the notice in meaning "
        + "(similarity %.2f)", distance, cosine), "learned"));
    closestWin.ifPresent(closest -> {
      int like = (int) Math.round(Math.max(0, Math.min(LIKE_A_WIN, (closest.cosine() - NEUTRAL_COSINE)
          * COSINE_WEIGHT)));
      String win = closest.win().length() > WIN_SHOWN ? closest.win().substring(0, WIN_SHOWN) + "…" : closest.win();
      reasons.add(new Reason(like, like > 0
          ? String.format(Locale.ROOT, "it resembles a contract you won, \"%s\" (similarity %.2f)", win, closest.cosine())
          : String.format(Locale.ROOT, "none of your past wins resembles it (the closest, \"%s\", similarity %.2f)",
              win, closest.cosine()), "learned"));
    });
    int score = Math.max(0, Math.min(100, START + reasons.stream().mapToInt(Reason::points).sum()));
    JsonArray shown = new JsonArray();
    reasons.forEach(r -> shown.add(new JsonObject().put("points", r.points()).put("reason", r.why())
        .put("basis", r.basis())));
    return new JsonObject().put("score", score)
        .put("recommendation", score >= BID ? "bid" : score >= CONSIDER ? "consider" : "no-bid")
        .put("reasons", shown);
  }

  private static void naics(JsonObject notice, Profile profile, List<Reason> reasons) {
    List<String> codes = notice.getJsonArray("naicsCodes", new JsonArray()).stream().map(String::valueOf).toList();
    if (codes.isEmpty() || profile.naics().isEmpty()) {
      return;
    }
    List<String> shared = codes.stream().filter(code -> profile.naics().stream().anyMatch(code::startsWith)).toList();
    reasons.add(shared.isEmpty()
        ? new Reason(NAICS_MISS, "none of its NAICS codes (" + String.join(", ", codes) + ") is one you work in", "rule")
        : new Reason(NAICS_MATCH, "NAICS " + String.join(", ", shared) + " is one you work in", "rule"));
  }

  private static void setAside(JsonObject notice, List<Requirement> requirements, Profile profile,
      List<Reason> reasons) {
    String code = notice.getString("setAside");
    String status = code == null ? null : SET_ASIDE_STATUS.get(code);
    if (status == null) {
      status = requirements.stream().filter(r -> r.kind().equals(RequirementRules.SET_ASIDE))
          .map(r -> statusOf(r.value())).filter(s -> s != null).findFirst().orElse(null);
    }
    if (status == null) {
      return;
    }
    reasons.add(holds(profile, status)
        ? new Reason(ELIGIBLE, "it is set aside for " + status + ", which you are", "rule")
        : new Reason(NOT_ELIGIBLE, "it is set aside for " + status + ", which your profile does not say you are: you "
            + "could not bid as the prime", "rule"));
  }

  private static void certifications(List<Requirement> requirements, Profile profile, List<Reason> reasons) {
    Set<String> asked = new LinkedHashSet<>();
    for (Requirement r : requirements) {
      switch (r.kind()) {
        case RequirementRules.FDA_510K -> asked.add("FDA 510(k) clearance");
        case RequirementRules.FDA_REGISTRATION -> asked.add("FDA registration");
        case RequirementRules.CERTIFICATION, RequirementRules.TRADE_COMPLIANCE -> asked.add(r.value());
        default -> { }
      }
    }
    for (String needed : asked) {
      reasons.add(profile.certifications().contains(needed)
          ? new Reason(HELD, "it asks for " + needed + ", which you hold", "rule")
          : new Reason(NOT_HELD, "it asks for " + needed + ", which your profile does not list", "rule"));
    }
  }

  private static boolean holds(Profile profile, String status) {
    Set<String> held = new HashSet<>(profile.certifications());
    profile.certifications().forEach(c -> held.addAll(IMPLIED.getOrDefault(c, Set.of())));
    return held.contains(status);
  }

  /** The status a set-aside's words name, as the profile names it. */
  static String statusOf(String words) {
    String w = words.toLowerCase(Locale.ROOT);
    if (w.contains("service") || w.contains("sdvosb")) {
      return "SDVOSB";
    }
    if (w.contains("veteran") || w.contains("vosb")) {
      return "VOSB";
    }
    if (w.contains("women") || w.contains("wosb")) {
      return "WOSB";
    }
    if (w.contains("hubzone")) {
      return "HUBZone";
    }
    if (w.contains("8(a)")) {
      return "8(a)";
    }
    return w.contains("small business") ? "small business" : null;
  }
}
