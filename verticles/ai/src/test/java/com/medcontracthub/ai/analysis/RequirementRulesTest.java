package com.medcontracthub.ai.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The rules on solicitation texts written for these tests: what each states is found, nothing else is. */
@DisplayName("Requirement rules")
class RequirementRulesTest {

  private final RequirementRules rules = new RequirementRules();

  private static String shown(List<Requirement> found) {
    StringBuilder lines = new StringBuilder();
    found.forEach(r -> lines.append(r.kind()).append(": ").append(r.value()).append('\n'));
    return lines.toString();
  }

  @Test
  @DisplayName("find the deadline, quantities, delivery, FDA, certifications, trade rules, standards, set-aside, "
      + "evaluation and place, each in its sentence")
  void fullSolicitation() {
    String text = "The Department of Veterans Affairs intends to award a firm-fixed-price contract for nitrile "
        + "examination gloves. This acquisition is a total small business set-aside. Quantity: 250,000 each. "
        + "Gloves shall meet ASTM D6319 and be FDA 510(k) cleared; the manufacturer must be registered with the FDA "
        + "and certified to ISO 13485. All items shall be TAA compliant. Delivery shall be FOB Destination within 30 "
        + "calendar days after receipt of order. Place of performance: VA Medical Center, Denver, CO. Award will be "
        + "made on a lowest price technically acceptable basis. Quotes are due no later than January 15, 2027, "
        + "2:00 PM EST, by e-mail to the contracting officer.";
    List<Requirement> found = rules.find(text, null);
    assertEquals("""
        set-aside: total small business
        quantity: 250,000 each
        fda-510k: FDA 510(k) clearance
        fda-registration: registered with the FDA
        certification: ISO 13485
        standard: ASTM D6319
        trade-compliance: Trade Agreements Act
        delivery: FOB destination
        delivery: within 30 calendar days after receipt of order
        place-of-performance: VA Medical Center, Denver, CO
        evaluation: LPTA
        response-deadline: January 15, 2027, 2:00 PM EST
        """, shown(found));
    Requirement deadline = found.get(found.size() - 1);
    assertEquals("Quotes are due no later than January 15, 2027, 2:00 PM EST, by e-mail to the contracting officer.",
        deadline.sentence());
    assertEquals(null, deadline.page(), "the notice's own text has no page");
  }

  @Test
  @DisplayName("find other wordings: an SDVOSB set-aside, yearly quantities, best value, the Berry Amendment, a "
      + "numeric date, with the document's page")
  void otherWordings() {
    String text = "This requirement is set aside for service-disabled veteran-owned small business concerns. "
        + "Estimated 500 cases per year of AAMI PB70 Level 2 isolation gowns. Offerors must comply with the Berry "
        + "Amendment. Proposals will be evaluated on a best value trade-off basis. Proposals must be received by "
        + "03/01/2027 at 4 p.m. Eastern.";
    assertEquals("""
        set-aside: service-disabled veteran-owned small business
        quantity: 500 cases per year
        standard: AAMI PB70 LEVEL 2
        trade-compliance: Berry Amendment
        evaluation: best value
        response-deadline: 03/01/2027 at 4 p.m. Eastern
        """, shown(rules.find(text, 3)));
    assertEquals(3, rules.find(text, 3).get(0).page());
  }

  @Test
  @DisplayName("leave out what the text says does not apply, and read an 8(a) or plain small business set-aside and a "
      + "time before its date")
  void negationsAndOtherForms() {
    assertEquals("", shown(rules.find("This is not a small business set-aside. The items are 510(k)-exempt. The "
        + "Buy American Act does not apply. This is a full and open competition, not a WOSB set-aside.", null)));
    assertEquals("""
        set-aside: 8(a)
        set-aside: 100% Small Business
        response-deadline: January 15, 2027
        """, shown(rules.find("This is an 8(a) set-aside. It is a 100% Small Business Set-Aside. Quotes are due by "
        + "2:00 p.m. EST on January 15, 2027.", null)));
  }

  @Test
  @DisplayName("find none in a notice that states none: no requirement is invented")
  void noneStated() {
    String text = "This is a sources sought notice for market research only. The VA seeks to learn which vendors "
        + "can supply patient lifts and slings. Interested firms may send a capability statement to the contracting "
        + "officer. This notice is not a request for proposals.";
    assertEquals(List.of(), rules.find(text, null));
  }
}
