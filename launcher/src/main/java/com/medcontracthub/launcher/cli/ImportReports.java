package com.medcontracthub.launcher.cli;

import com.medcontracthub.opportunities.ingest.Importer;
import java.io.PrintStream;
import java.util.Locale;

/** How import and seed show their report: a summary and the first rejections, or the whole report as JSON. */
final class ImportReports {

  private static final int SHOWN_REJECTIONS = 20;

  private ImportReports() {
  }

  static void print(Importer.Report report, boolean json, PrintStream out) {
    if (json) {
      out.println(report.toJson().encodePrettily());
      return;
    }
    out.printf(Locale.ROOT, "%,d records: %,d inserted, %,d updated, %,d unchanged, %,d rejected; %,d amendment links%n",
        report.records(), report.inserted(), report.updated(), report.unchanged(), report.rejected(),
        report.amendmentsLinked());
    report.rejections().stream().limit(SHOWN_REJECTIONS).forEach(r -> out.printf(Locale.ROOT,
        "  rejected record %,d%s: %s%n", r.record(), r.noticeId() == null ? "" : " (" + r.noticeId() + ")", r.reason()));
    if (report.rejected() > SHOWN_REJECTIONS) {
      out.printf(Locale.ROOT, "  … and %,d more (--json lists them)%n", report.rejected() - SHOWN_REJECTIONS);
    }
  }
}
