package com.medcontracthub.ai.analysis;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requirements a solicitation's text states, found by rules written for federal medical-supply notices: the
 * response deadline, quantities and their units, delivery terms, FDA 510(k) clearance and establishment registration,
 * certifications, trade compliance (TAA, Berry Amendment, Buy American), product standards, the set-aside, the basis
 * of evaluation (LPTA or best value) and the place of performance. Rules, not a learned model: each requirement is the
 * words a rule matched, in the sentence that holds them, and a text that states none of them yields none. Wordings
 * the rules do not know are missed; a requirement stated in a way they misread can still be found wrongly.
 */
public final class RequirementRules {

  public static final String DEADLINE = "response-deadline";
  public static final String QUANTITY = "quantity";
  public static final String DELIVERY = "delivery";
  public static final String FDA_510K = "fda-510k";
  public static final String FDA_REGISTRATION = "fda-registration";
  public static final String CERTIFICATION = "certification";
  public static final String TRADE_COMPLIANCE = "trade-compliance";
  public static final String STANDARD = "standard";
  public static final String SET_ASIDE = "set-aside";
  public static final String EVALUATION = "evaluation";
  public static final String PLACE_OF_PERFORMANCE = "place-of-performance";

  private record Rule(String kind, Pattern pattern, Function<Matcher, String> value) {
  }

  private static final String MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
      + "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
  private static final String DATE = "(?:" + MONTH + "\\s+\\d{1,2},?\\s+\\d{4}|\\d{1,2}\\s+" + MONTH + "\\s+\\d{4}"
      + "|\\d{1,2}/\\d{1,2}/\\d{4}|\\d{4}-\\d{2}-\\d{2})";
  private static final String TIME = "(?:,?\\s*(?:at\\s+)?\\d{1,2}(?::\\d{2})?\\s*(?:a\\.?m\\.?|p\\.?m\\.?)(?!\\w)"
      + "(?:\\s*\\(?[ECMP][SD]?T\\)?(?!\\w)|\\s+(?:eastern|central|mountain|pacific)(?:\\s+time)?)?)?";
  private static final String UNITS = "each|ea|units?|boxes|box|cases?|pairs?|kits?|packs?|packages?|vials?|rolls?"
      + "|bottles?|cartons?|gallons?|dozen|tests?|devices?|sets?|beds?|pumps?|wheelchairs?";

  private static final String SET_ASIDES = "total\\s+small\\s+business|service[- ]disabled\\s+veteran[- ]owned"
      + "(?:\\s+small\\s+business)?|sdvosb|veteran[- ]owned\\s+small\\s+business|vosb|women[- ]owned\\s+small\\s+business"
      + "|wosb|hubzone|8\\(a\\)|(?:100%\\s+)?small\\s+business";

  static final int MAX_TEXT = 200_000;
  static final int MAX_SENTENCE = 2_000;
  /** About five words either side of a match. */
  private static final int NEGATION_REACH = 40;
  private static final Pattern NEGATION_BEFORE = Pattern.compile("\\b(?:not|no|without|neither|nor)\\b[^,;]*$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern NEGATION_AFTER = Pattern.compile("^[^,;]*?(?:[- ]exempt\\b|\\bdoes\\s+not\\s+apply"
      + "|\\bdo\\s+not\\s+apply|\\bis\\s+not\\s+required|\\bare\\s+not\\s+required|\\bnot\\s+required)",
      Pattern.CASE_INSENSITIVE);
  /** A sentence saying the competition is open to all sets nothing aside. */
  private static final Pattern OPEN_COMPETITION = Pattern.compile("\\b(?:full\\s+and\\s+open|unrestricted)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern MERIDIEM_END = Pattern.compile("\\b[ap]\\.m\\.$", Pattern.CASE_INSENSITIVE);

  private static final List<Rule> RULES = List.of(
      new Rule(DEADLINE, pattern("(?:responses?|offers?|quotes?|quotations?|proposals?|submissions?)\\b.{0,120}?"
          + "\\b(?:due|received|submitted|no later than|by)\\b.{0,80}?(" + DATE + TIME + ")"), m -> m.group(1)),
      new Rule(QUANTITY, pattern("(?:quantity|qty)\\s*(?:of|:)?\\s*(\\d{1,3}(?:,\\d{3})+|\\d+)\\s+(" + UNITS + ")\\b"),
          m -> m.group(1) + " " + m.group(2)),
      new Rule(QUANTITY, pattern("\\b(\\d{1,3}(?:,\\d{3})+|\\d+)\\s+(" + UNITS + ")\\s+(?:per|a|each)\\s+"
          + "(?:year|month|week|order|delivery)"), m -> m.group(0)),
      new Rule(DELIVERY, pattern("\\bf\\.?o\\.?b\\.?\\s+(destination|origin)"), m -> "FOB " + m.group(1).toLowerCase(
          Locale.ROOT)),
      new Rule(DELIVERY, pattern("\\bwithin\\s+(\\d+|one|two|three|five|seven|ten|fourteen|thirty)\\s+(?:\\(\\d+\\)\\s+)?"
          + "(?:calendar\\s+|business\\s+|working\\s+)?(days?|hours?|weeks?)\\s+(?:after|of|from|following)\\s+"
          + "(?:receipt\\s+of\\s+)?(?:the\\s+)?(?:order|award|request)"), m -> m.group(0)),
      new Rule(FDA_510K, pattern("\\b510\\s*\\(k\\)"), m -> "FDA 510(k) clearance"),
      new Rule(FDA_REGISTRATION, pattern("\\b(?:fda\\s+(?:establishment\\s+)?registration|registered\\s+with\\s+(?:the\\s+)?"
          + "fda|fda[- ]registered|device\\s+listing)"), m -> m.group(0)),
      new Rule(CERTIFICATION, pattern("\\biso\\s*(13485|9001)"), m -> "ISO " + m.group(1)),
      new Rule(CERTIFICATION, pattern("\\bniosh[- ]approved"), m -> "NIOSH approval"),
      new Rule(CERTIFICATION, pattern("\\bclia[- ]waived"), m -> "CLIA waiver"),
      new Rule(TRADE_COMPLIANCE, pattern("\\b(?:taa[- ]compliant|trade\\s+agreements\\s+act)"), m -> "Trade Agreements Act"),
      new Rule(TRADE_COMPLIANCE, pattern("\\bberry\\s+amendment"), m -> "Berry Amendment"),
      new Rule(TRADE_COMPLIANCE, pattern("\\bbuy\\s+american(?:\\s+act)?"), m -> "Buy American Act"),
      new Rule(STANDARD, pattern("\\b(astm\\s+[a-z]\\d{2,5}|aami\\s+pb\\s*70(?:\\s+level\\s+\\d)?|ansi/aami\\s+[a-z]+\\d*)"),
          m -> m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ")),
      new Rule(SET_ASIDE, pattern("\\b(" + SET_ASIDES + ")(?!\\w).{0,60}?set[- ]aside"), m -> m.group(1)),
      new Rule(SET_ASIDE, pattern("\\bset[- ]aside\\s+(?:exclusively\\s+)?for\\s+(" + SET_ASIDES + ")"), m -> m.group(1)),
      new Rule(EVALUATION, pattern("\\b(?:lowest\\s+price\\s+technically\\s+acceptable|lpta)\\b"), m -> "LPTA"),
      new Rule(EVALUATION, pattern("\\b(?:best\\s+value|trade[- ]?off)\\b"), m -> "best value"),
      new Rule(PLACE_OF_PERFORMANCE, pattern("\\bplace\\s+of\\s+performance\\s*(?:is|:)\\s*([^.;]+)"),
          m -> m.group(1).strip()));

  private static Pattern pattern(String regex) {
    return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }

  /**
   * What {@code text} requires, each once, sentence by sentence (within one, in the rules' order); {@code page} is
   * where the text came from. Only the first {@value #MAX_TEXT} characters are read, and of a sentence its first
   * {@value #MAX_SENTENCE}, so a text without full stops cannot make a rule run long. A match said not to apply ("is
   * not a small business set-aside", "510(k)-exempt", "does not apply") is left out.
   */
  public List<Requirement> find(String text, Integer page) {
    List<Requirement> found = new ArrayList<>();
    for (String whole : sentences(text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text)) {
      String sentence = whole.length() > MAX_SENTENCE ? whole.substring(0, MAX_SENTENCE) : whole;
      for (Rule rule : RULES) {
        Matcher m = rule.pattern().matcher(sentence);
        while (m.find()) {
          if (negated(rule.kind(), sentence, m.start(), m.end())) {
            continue;
          }
          String value = rule.value().apply(m).replaceAll("\\s+", " ").strip();
          found.add(new Requirement(rule.kind(), value, sentence, page, null, null));
        }
      }
    }
    return distinct(found);
  }

  /** Each requirement once (its kind and words, whatever their case), where it was first found. */
  public static List<Requirement> distinct(List<Requirement> found) {
    Map<String, Requirement> first = new LinkedHashMap<>();
    found.forEach(r -> first.putIfAbsent(r.kind() + "\u0000" + r.value().toLowerCase(Locale.ROOT), r));
    return new ArrayList<>(first.values());
  }

  private static boolean negated(String kind, String sentence, int start, int end) {
    String before = sentence.substring(Math.max(0, start - NEGATION_REACH), start);
    String after = sentence.substring(end, Math.min(sentence.length(), end + NEGATION_REACH));
    return NEGATION_BEFORE.matcher(before).find() || NEGATION_AFTER.matcher(after).find()
        || kind.equals(SET_ASIDE) && OPEN_COMPETITION.matcher(sentence).find();
  }

  /**
   * The text's sentences. The JDK's splitter ends one after "a.m." or "p.m." ("due by 4 p.m. Eastern."), cutting a
   * deadline from its time zone: such a sentence is joined with the next.
   */
  static List<String> sentences(String text) {
    List<String> sentences = new ArrayList<>();
    BreakIterator breaks = BreakIterator.getSentenceInstance(Locale.US);
    breaks.setText(text);
    StringBuilder pending = new StringBuilder();
    for (int start = breaks.first(), end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
      pending.append(text, start, end);
      String sentence = pending.toString().strip();
      if (!MERIDIEM_END.matcher(sentence).find() || end == text.length()) {
        if (!sentence.isEmpty()) {
          sentences.add(sentence);
        }
        pending.setLength(0);
      }
    }
    return sentences;
  }
}
