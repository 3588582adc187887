package com.medcontracthub.opportunities.store;

import com.medcontracthub.opportunities.search.SearchQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * The filters of a {@link SearchQuery} as SQL conditions on {@code opportunities}: the search and the saved-search
 * matching share them, so a saved search matches exactly what running it would list. Current notices only (an
 * amendment replaces what it amends).
 */
final class FilterConditions {

  private FilterConditions() {
  }

  static List<String> of(SearchQuery q, SqlParameters p) {
    List<String> where = new ArrayList<>();
    where.add("superseded_by IS NULL");
    if (q.text() != null) {
      where.add("search @@ websearch_to_tsquery('english', " + p.bind(q.text()) + ")");
    }
    if (!q.naics().isEmpty()) {
      where.add("naics_codes && " + p.bind(q.naics().toArray(String[]::new)) + "::text[]");
    }
    if (q.psc() != null) {
      where.add("classification_code LIKE " + p.bind(likeEscaped(q.psc()) + "%"));
    }
    if (q.setAside() != null) {
      where.add("type_of_set_aside = " + p.bind(q.setAside()));
    }
    if (q.agency() != null) {
      where.add("full_parent_path_name ILIKE " + p.bind("%" + likeEscaped(q.agency()) + "%"));
    }
    if (q.state() != null) {
      where.add("upper(place_of_performance -> 'state' ->> 'code') = upper(" + p.bind(q.state()) + ")");
    }
    if (q.postedFrom() != null) {
      where.add("posted_date >= " + p.bind(q.postedFrom()));
    }
    if (q.postedTo() != null) {
      where.add("posted_date <= " + p.bind(q.postedTo()));
    }
    if (q.dueFrom() != null) {
      where.add("response_deadline >= " + p.bind(q.dueFrom()) + "::date");
    }
    if (q.dueTo() != null) {
      where.add("response_deadline < " + p.bind(q.dueTo()) + "::date + 1");
    }
    if (q.active() != null) {
      where.add("active = " + p.bind(q.active()));
    }
    return where;
  }

  private static String likeEscaped(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
