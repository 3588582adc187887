package com.medcontracthub.opportunities.ingest;

import com.medcontracthub.opportunities.store.Opportunity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a raw SAM.gov Opportunities API v2 record into an {@link Opportunity}, or says why it cannot. Handles the
 * quirks seen in real files: both {@code postedDate} forms ({@code 2024-03-01} and {@code 2024-03-01 10:15:00.123-05}),
 * {@code responseDeadLine} with offsets in several spellings, {@code active} as "Yes"/"No", missing and null fields.
 */
public final class SamRecords {

  private static final Pattern NOTICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final int MAX_TEXT = 10_000;

  /** A time followed by an offset written {@code -0400} or {@code -04}, which java.time wants as {@code -04:00}. */
  private static final Pattern SHORT_OFFSET = Pattern.compile("(T[\\d:.]+)([+-]\\d{2})(\\d{2})?$");
  private static final Pattern HAS_OFFSET = Pattern.compile(".*(Z|[+-]\\d{2}:\\d{2})$");

  private SamRecords() {
  }

  /** The outcome of reading one record. */
  public sealed interface Parsed permits Accepted, Rejected {
  }

  public record Accepted(Opportunity opportunity) implements Parsed {
  }

  /** @param noticeId the record's notice id when it has a readable one, else null */
  public record Rejected(String noticeId, String reason) implements Parsed {
  }

  public static Parsed parse(Map<String, Object> raw) {
    Object idValue = raw.get("noticeId");
    String noticeId = idValue instanceof String s && NOTICE_ID.matcher(s).matches() ? s : null;
    try {
      return new Accepted(toOpportunity(new Fields(raw), noticeId));
    } catch (InvalidField e) {
      return new Rejected(noticeId, e.getMessage());
    }
  }

  private static Opportunity toOpportunity(Fields f, String noticeId) {
    if (noticeId == null) {
      throw new InvalidField("noticeId: " + (f.raw.get("noticeId") == null ? "missing"
          : "expected letters, digits, '.', '_' or '-' (1-100), got '" + f.raw.get("noticeId") + "'"));
    }
    String title = f.text("title");
    if (title == null || title.isBlank()) {
      throw new InvalidField("title: missing");
    }
    String posted = f.text("postedDate");
    if (posted == null) {
      throw new InvalidField("postedDate: missing");
    }
    String naicsCode = f.text("naicsCode");
    Set<String> naics = new LinkedHashSet<>();
    if (naicsCode != null && !naicsCode.isBlank()) {
      naics.add(naicsCode.trim());
    }
    naics.addAll(f.texts("naicsCodes"));
    return new Opportunity(noticeId, title.trim(), f.text("solicitationNumber"),
        f.text("fullParentPathName"), f.text("fullParentPathCode"), postedDate(posted), f.text("type"),
        f.text("baseType"), f.text("archiveType"), f.date("archiveDate"), f.text("typeOfSetAside"),
        f.text("typeOfSetAsideDescription"), deadline(f.text("responseDeadLine")), naicsCode,
        List.copyOf(naics), f.text("classificationCode"), f.yesNo("active"), f.object("award"),
        f.array("pointOfContact"), f.text("description"), f.object("officeAddress"), f.object("placeOfPerformance"),
        f.text("uiLink"), f.texts("resourceLinks"));
  }

  private static LocalDate postedDate(String value) {
    try {
      // the time and offset, when present, do not change the day SAM.gov shows as posted
      return LocalDate.parse(value.trim().length() > 10 && value.charAt(10) == ' ' ? value.substring(0, 10) : value.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidField("postedDate: expected 2024-03-01 or 2024-03-01 10:15:00-05, got '" + value + "'");
    }
  }

  private static OffsetDateTime deadline(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String text = withColonOffset(value.trim());
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atTime(23, 59, 59).atOffset(ZoneOffset.UTC);
      }
      return HAS_OFFSET.matcher(text).matches()
          ? OffsetDateTime.parse(text)
          : LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InvalidField("responseDeadLine: expected 2024-03-15T17:00:00-04:00, got '" + value + "'");
    }
  }

  private static String withColonOffset(String dateTime) {
    Matcher m = SHORT_OFFSET.matcher(dateTime);
    return m.find()
        ? dateTime.substring(0, m.start()) + m.group(1) + m.group(2) + ":" + (m.group(3) == null ? "00" : m.group(3))
        : dateTime;
  }

  /** Typed reads of the raw record; a wrong type is an {@link InvalidField} naming the field. */
  private record Fields(Map<String, Object> raw) {

    String text(String name) {
      Object value = raw.get(name);
      if (value == null) {
        return null;
      }
      if (!(value instanceof String s)) {
        throw new InvalidField(name + ": expected a string, got " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT));
      }
      if (s.length() > MAX_TEXT) {
        throw new InvalidField(name + ": longer than " + MAX_TEXT + " characters");
      }
      return s;
    }

    List<String> texts(String name) {
      Object value = raw.get(name);
      if (value == null) {
        return List.of();
      }
      if (!(value instanceof List<?> list) || list.stream().anyMatch(v -> !(v instanceof String))) {
        throw new InvalidField(name + ": expected a list of strings");
      }
      List<String> texts = new ArrayList<>();
      list.forEach(v -> texts.add((String) v));
      return List.copyOf(texts);
    }

    LocalDate date(String name) {
      String value = text(name);
      if (value == null || value.isBlank()) {
        return null;
      }
      try {
        return LocalDate.parse(value.trim().length() > 10 ? value.trim().substring(0, 10) : value.trim());
      } catch (DateTimeParseException e) {
        throw new InvalidField(name + ": expected a date like 2024-03-01, got '" + value + "'");
      }
    }

    /** "Yes"/"No" as SAM.gov writes it (booleans accepted too); a missing value means still listed. */
    boolean yesNo(String name) {
      Object value = raw.get(name);
      if (value == null) {
        return true;
      }
      if (value instanceof Boolean b) {
        return b;
      }
      return switch (String.valueOf(value).trim().toLowerCase(Locale.ROOT)) {
        case "yes", "true" -> true;
        case "no", "false" -> false;
        default -> throw new InvalidField(name + ": expected Yes or No, got '" + value + "'");
      };
    }

    @SuppressWarnings("unchecked")
    JsonObject object(String name) {
      Object value = raw.get(name);
      if (value == null) {
        return null;
      }
      if (!(value instanceof Map<?, ?> map)) {
        throw new InvalidField(name + ": expected an object");
      }
      return new JsonObject((Map<String, Object>) map);
    }

    JsonArray array(String name) {
      Object value = raw.get(name);
      if (value == null) {
        return new JsonArray();
      }
      if (!(value instanceof List<?> list)) {
        throw new InvalidField(name + ": expected a list");
      }
      return new JsonArray(new ArrayList<>(list));
    }
  }

  private static final class InvalidField extends RuntimeException {
    InvalidField(String message) {
      super(message, null, false, false);
    }
  }
}
