package com.medcontracthub.opportunities.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.opportunities.ingest.SamRecords;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Demo opportunities")
class DemoOpportunitiesTest {

  private static List<Map<String, Object>> generate(long seed, int count) {
    DemoOpportunities demo = new DemoOpportunities(seed, count, LocalDate.of(2026, 11, 24));
    List<Map<String, Object>> records = new ArrayList<>();
    for (Map<String, Object> r = demo.next(); r != null; r = demo.next()) {
      records.add(r);
    }
    return records;
  }

  @Test
  @DisplayName("are valid SAM.gov records, medical, with some amendments, and the same for the same seed")
  void validAndRepeatable() {
    List<Map<String, Object>> records = generate(7, 2_000);
    assertEquals(2_000, records.size());
    records.forEach(r -> assertTrue(SamRecords.parse(r) instanceof SamRecords.Accepted, r::toString));
    assertTrue(records.stream().allMatch(r -> ((String) r.get("classificationCode")).startsWith("65")));
    Map<Object, Integer> perSolicitation = new HashMap<>();
    records.forEach(r -> perSolicitation.merge(r.get("solicitationNumber"), 1, Integer::sum));
    long amended = perSolicitation.values().stream().filter(n -> n > 1).count();
    assertTrue(amended > 40 && amended < 200, "about one in twenty is an amendment: " + amended);
    assertEquals(records.get(1_999).get("noticeId"), generate(7, 2_000).get(1_999).get("noticeId"));
  }
}
