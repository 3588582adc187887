package com.medcontracthub.ai.index;

import java.time.LocalDate;
import java.util.List;

/**
 * The opportunity filters a search by meaning takes, as {@code GET /api/v1/opportunities} names them: any of the NAICS
 * codes, the set-aside code, the agency's words in order, the response deadline's days (UTC, both inclusive).
 */
public record NoticeFilters(List<String> naics, String setAside, String agency, LocalDate dueFrom, LocalDate dueTo) {

  public static final NoticeFilters NONE = new NoticeFilters(List.of(), null, null, null, null);
}
