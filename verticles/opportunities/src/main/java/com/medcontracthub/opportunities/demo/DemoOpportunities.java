package com.medcontracthub.opportunities.demo;

import com.medcontracthub.opportunities.ingest.RecordSource;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Realistic SAM.gov-shaped medical-supply opportunities for demos and load tests: VA, DLA, DHA and IHS offices,
 * medical NAICS and 65xx PSC codes, set-asides, deadlines and places of performance, with about one in twenty
 * being an amendment of an earlier solicitation. The same seed gives the same records.
 */
public final class DemoOpportunities implements RecordSource {

  private record Office(String path, String code, String solicitationPrefix, String email) {
  }

  private static final List<Office> OFFICES = List.of(
      new Office("VETERANS AFFAIRS, DEPARTMENT OF.VETERANS AFFAIRS, DEPARTMENT OF.257-NETWORK CONTRACT OFFICE 17 (36C257)",
          "036.3600.36C257", "36C257", "va.gov"),
      new Office("VETERANS AFFAIRS, DEPARTMENT OF.VETERANS AFFAIRS, DEPARTMENT OF.NATIONAL ACQUISITION CENTER (36C797)",
          "036.3600.36C797", "36C797", "va.gov"),
      new Office("DEPT OF DEFENSE.DEFENSE LOGISTICS AGENCY.DLA TROOP SUPPORT.DLA TROOP SUPPORT MEDICAL",
          "097.97AS.SPE2D1", "SPE2D1", "dla.mil"),
      new Office("DEPT OF DEFENSE.DEFENSE HEALTH AGENCY (DHA).DEFENSE HEALTH AGENCY.MEDICAL LOGISTICS DIVISION",
          "097.97DH.HT9402", "HT9402", "health.mil"),
      new Office("HEALTH AND HUMAN SERVICES, DEPARTMENT OF.INDIAN HEALTH SERVICE.NAVAJO AREA INDIAN HEALTH SERVICE",
          "075.7527.75H701", "75H701", "ihs.gov"));

  private record Product(String name, String naics, String psc) {
  }

  private static final List<Product> PRODUCTS = List.of(
      new Product("Nitrile examination gloves", "339113", "6515"),
      new Product("Surgical instrument sets", "339112", "6515"),
      new Product("Infusion pumps and administration sets", "339112", "6515"),
      new Product("Wound care dressings", "339113", "6510"),
      new Product("Durable medical equipment: wheelchairs", "339113", "6530"),
      new Product("Hospital beds and mattresses", "339113", "6530"),
      new Product("Patient monitoring systems", "334510", "6515"),
      new Product("Laboratory reagents and test kits", "325413", "6550"),
      new Product("Pharmaceutical distribution (prime vendor)", "424210", "6505"),
      new Product("Generic injectable medications", "325412", "6505"),
      new Product("Orthopedic implants", "339113", "6515"),
      new Product("Dental supplies and consumables", "339114", "6520"),
      new Product("Medical and surgical supplies, wholesale", "423450", "6515"),
      new Product("Respiratory therapy equipment", "339112", "6515"),
      new Product("Ophthalmic lenses and supplies", "339115", "6540"));

  private static final List<String[]> SET_ASIDES = List.of(
      new String[] {"SBA", "Total Small Business Set-Aside (FAR 19.5)"},
      new String[] {"SDVOSBC", "Service-Disabled Veteran-Owned Small Business (SDVOSB) Set-Aside (FAR 19.14)"},
      new String[] {"VSA", "Veteran-Owned Small Business Set-Aside (specific to Department of VA)"},
      new String[] {"WOSB", "Women-Owned Small Business (WOSB) Program Set-Aside (FAR 19.15)"},
      new String[] {"8A", "8(a) Set-Aside (FAR 19.8)"},
      new String[] {"HZC", "Historically Underutilized Business (HUBZone) Set-Aside (FAR 19.13)"},
      new String[] {null, null});

  private static final List<String> TYPES = List.of("Solicitation", "Combined Synopsis/Solicitation",
      "Sources Sought", "Presolicitation");

  private static final List<String[]> PLACES = List.of(
      new String[] {"TX", "Texas", "Dallas"}, new String[] {"CA", "California", "Long Beach"},
      new String[] {"PA", "Pennsylvania", "Philadelphia"}, new String[] {"AZ", "Arizona", "Window Rock"},
      new String[] {"VA", "Virginia", "Falls Church"}, new String[] {"FL", "Florida", "Tampa"},
      new String[] {"OH", "Ohio", "Columbus"}, new String[] {"NM", "New Mexico", "Gallup"});

  private final Random random;
  private final int count;
  private final LocalDate today;
  private int produced;
  private Map<String, Object> previous;

  public DemoOpportunities(long seed, int count, LocalDate today) {
    this.random = new Random(seed);
    this.count = count;
    this.today = today;
  }

  @Override
  public Map<String, Object> next() {
    if (produced == count) {
      return null;
    }
    produced++;
    Map<String, Object> record = previous != null && random.nextInt(20) == 0 ? amendmentOf(previous) : fresh();
    previous = record;
    return record;
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  private Map<String, Object> fresh() {
    Office office = pick(OFFICES);
    Product product = pick(PRODUCTS);
    String[] setAside = pick(SET_ASIDES);
    String[] place = pick(PLACES);
    LocalDate posted = today.minusDays(random.nextInt(90));
    String type = pick(TYPES);
    String solicitation = office.solicitationPrefix() + String.format(Locale.ROOT, "%02d", posted.getYear() % 100)
        + (type.startsWith("Sources") ? "Q" : "R") + String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("noticeId", noticeId());
    r.put("title", product.name() + " — " + place[2] + ", " + place[0]);
    r.put("solicitationNumber", solicitation);
    r.put("fullParentPathName", office.path());
    r.put("fullParentPathCode", office.code());
    r.put("postedDate", posted.toString());
    r.put("type", type);
    r.put("baseType", type);
    r.put("archiveType", "autocustom");
    r.put("archiveDate", posted.plusDays(120).toString());
    r.put("typeOfSetAside", setAside[0]);
    r.put("typeOfSetAsideDescription", setAside[1]);
    r.put("responseDeadLine", posted.plusDays(10 + random.nextInt(36)).atTime(14 + random.nextInt(3), 0)
        .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "-05:00");
    r.put("naicsCode", product.naics());
    r.put("naicsCodes", List.of(product.naics()));
    r.put("classificationCode", product.psc());
    r.put("active", "Yes");
    r.put("award", null);
    r.put("pointOfContact", List.of(Map.of("type", "primary", "fullName", "Contracting Officer " + (1 + random.nextInt(40)),
        "email", "co" + random.nextInt(1000) + "@" + office.email(), "phone", "555-01" + (10 + random.nextInt(89)))));
    r.put("description", "https://api.sam.gov/prod/opportunities/v1/noticedesc?noticeid=" + r.get("noticeId"));
    r.put("officeAddress", Map.of("city", place[2], "state", place[0], "zipcode", "7" + (1000 + random.nextInt(8999))));
    r.put("placeOfPerformance", Map.of("city", Map.of("name", place[2]),
        "state", Map.of("code", place[0], "name", place[1]), "country", Map.of("code", "USA")));
    r.put("uiLink", "https://sam.gov/opp/" + r.get("noticeId") + "/view");
    r.put("resourceLinks", List.of());
    return r;
  }

  /** The same solicitation, posted again a few days later under a new notice id. */
  private Map<String, Object> amendmentOf(Map<String, Object> original) {
    Map<String, Object> r = new LinkedHashMap<>(original);
    LocalDate posted = LocalDate.parse((String) original.get("postedDate")).plusDays(1 + random.nextInt(7));
    r.put("noticeId", noticeId());
    r.put("title", original.get("title") + " (Amendment 1)");
    r.put("postedDate", (posted.isAfter(today) ? today : posted).toString());
    r.put("uiLink", "https://sam.gov/opp/" + r.get("noticeId") + "/view");
    return r;
  }

  private String noticeId() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }
}
