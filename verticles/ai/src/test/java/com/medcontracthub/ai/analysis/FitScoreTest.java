package com.medcontracthub.ai.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.medcontracthub.ai.profile.Profile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The score's rules and its learned part, each reason with its points. */
@DisplayName("Fit score")
class FitScoreTest {

  private final FitScore fit = new FitScore();
  private final RequirementRules rules = new RequirementRules();

  private static JsonObject notice(String setAside, String... naics) {
    return new JsonObject().put("setAside", setAside).put("naicsCodes", new JsonArray(List.of(naics)));
  }

  private static String reasons(JsonObject scored) {
    StringBuilder lines = new StringBuilder();
    scored.getJsonArray("reasons").forEach(r -> {
      JsonObject reason = (JsonObject) r;
      lines.append(reason.getInteger("points")).append(' ').append(reason.getString("basis")).append(": ")
          .append(reason.getString("reason")).append('\n');
    });
    return lines.toString();
  }

  @Test
  @DisplayName("a small SDVOSB glove maker with the NAICS, the FDA clearance and a close capability scores a bid")
  void goodFit() {
    Profile profile = new Profile("We make nitrile exam gloves.", List.of("3391"), List.of("SDVOSB",
        "FDA 510(k) clearance", "Trade Agreements Act"), List.of());
    List<Requirement> asked = rules.find("Gloves must be FDA 510(k) cleared. All items shall be TAA compliant.", null);
    JsonObject scored = fit.of(notice("SBA", "339113"), asked, profile, 0.70, Optional.empty());
    assertEquals("""
        15 rule: NAICS 339113 is one you work in
        15 rule: it is set aside for small business, which you are
        5 rule: it asks for FDA 510(k) clearance, which you hold
        5 rule: it asks for Trade Agreements Act, which you hold
        20 learned: your capability statement is close to the notice in meaning (similarity 0.70)
        """, reasons(scored));
    assertEquals(100, scored.getInteger("score"), "50 + 60, held to 100");
    assertEquals("bid", scored.getString("recommendation"));
  }

  @Test
  @DisplayName("a set-aside the tenant does not hold, missing certifications and a distant capability score a no-bid")
  void poorFit() {
    Profile profile = new Profile("Janitorial services.", List.of("561720"), List.of("small business"),
        List.of("Floor care for the Pentagon, 2023"));
    List<Requirement> asked = rules.find("The manufacturer must be certified to ISO 13485 and comply with the Berry "
        + "Amendment.", null);
    JsonObject scored = fit.of(notice("WOSB", "339113"), asked, profile, 0.10,
        Optional.of(new FitScore.ClosestWin("Floor care for the Pentagon, 2023", 0.12)));
    assertEquals("""
        -15 rule: none of its NAICS codes (339113) is one you work in
        -40 rule: it is set aside for WOSB, which your profile does not say you are: you could not bid as the prime
        -10 rule: it asks for ISO 13485, which your profile does not list
        -10 rule: it asks for Berry Amendment, which your profile does not list
        -15 learned: your capability statement is far from the notice in meaning (similarity 0.10)
        0 learned: none of your past wins resembles it (the closest, "Floor care for the Pentagon, 2023", similarity 0.12)
        """, reasons(scored));
    assertEquals(0, scored.getInteger("score"));
    assertEquals("no-bid", scored.getString("recommendation"));
  }

  @Test
  @DisplayName("a set-aside only stated in the text counts; with nothing to check, the capability alone moves it")
  void setAsideFromText() {
    Profile profile = new Profile("Patient lifts.", List.of(), List.of("VOSB"), List.of());
    List<Requirement> said = rules.find("This requirement is set aside for veteran-owned small business concerns.",
        null);
    assertEquals(65, fit.of(notice(null), said, profile, 0.35, Optional.empty()).getInteger("score"), "50 + 15 + 0");
    assertEquals("consider", fit.of(notice(null), List.of(), profile, 0.35, Optional.empty()).getString("recommendation"),
        "50: nothing checked, the capability neutral");
  }

  @Test
  @DisplayName("a notice like a contract won gains up to 15 points, the contract named (a long one cut short)")
  void likeAWin() {
    Profile profile = new Profile("Medical supplies.", List.of(), List.of(), List.of("x"));
    String win = "Nitrile exam gloves, powder-free, for the VA medical centers of VISN 8 under a five-year BPA awarded in 2024";
    JsonObject close = fit.of(notice(null), List.of(), profile, 0.35, Optional.of(new FitScore.ClosestWin(win, 0.80)));
    assertEquals("""
        0 learned: your capability statement is neither close to nor far from the notice in meaning (similarity 0.35)
        15 learned: it resembles a contract you won, "Nitrile exam gloves, powder-free, for the VA medical centers of VISN 8 under a f…" (similarity 0.80)
        """, reasons(close));
    assertEquals(65, close.getInteger("score"));
    assertEquals(56, fit.of(notice(null), List.of(), profile, 0.35, Optional.of(new FitScore.ClosestWin("Gloves", 0.45)))
        .getInteger("score"), "(0.45 - 0.35) x 60 = 6 points");
  }
}
