package com.medcontracthub.opportunities.metrics;

import com.medcontracthub.platform.metrics.Meters;
import io.micrometer.core.instrument.Counter;

/**
 * What the service did for its users, as counters: the records each import wrote or refused
 * ({@code mch_opportunities_imported_records_total{outcome}}) and the notifications put in tenants' trays by kind
 * ({@code mch_opportunities_notifications_delivered_total{kind}}; a saved search's match is the kind
 * {@code saved-search.match}). Outcomes and kinds are the product's own few words, never user data.
 */
public final class OpportunityKpis {

  private OpportunityKpis() {
  }

  public static void imported(int inserted, int updated, int unchanged, int rejected) {
    records("inserted", inserted);
    records("updated", updated);
    records("unchanged", unchanged);
    records("rejected", rejected);
  }

  /** Every kind at zero, so a rate reads 0 rather than nothing before the first notification of a kind. */
  public static void notificationKinds(Iterable<String> kinds) {
    kinds.forEach(OpportunityKpis::notifications);
  }

  public static void delivered(String kind) {
    notifications(kind).increment();
  }

  private static Counter notifications(String kind) {
    return Counter.builder("mch_opportunities_notifications_delivered")
        .description("Notifications put in a tenant's tray")
        .tag("kind", kind).register(Meters.registry());
  }

  private static void records(String outcome, int count) {
    Counter.builder("mch_opportunities_imported_records")
        .description("Records of imported files, by what became of them")
        .tag("outcome", outcome).register(Meters.registry()).increment(count);
  }
}
