package com.medcontracthub.opportunities.store;

import io.vertx.sqlclient.Row;
import java.time.LocalDate;

/** What every {@code OpportunityChanged} event says of its notice besides its id: the facts consumers group by. */
record NoticeFacts(String noticeId, String agency, String naicsCode, String setAside, LocalDate postedDate) {

  static NoticeFacts of(Opportunity o) {
    return new NoticeFacts(o.noticeId(), o.fullParentPathName(), o.naicsCode(), o.typeOfSetAside(), o.postedDate());
  }

  /** From a row of the columns {@link OpportunitySql#FACTS_AFTER} reads. */
  static NoticeFacts of(Row row) {
    return new NoticeFacts(row.getString("notice_id"), row.getString("full_parent_path_name"),
        row.getString("naics_code"), row.getString("type_of_set_aside"), row.getLocalDate("posted_date"));
  }
}
