package com.medcontracthub.launcher.run;

import com.medcontracthub.opportunities.ingest.Importer;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on a terminal ({@code \r}-redrawn), or a line per tenth of the work when the output is a file or a
 * pipe, so logs stay readable.
 */
public final class ImportProgress implements Importer.Progress {

  private static final int WIDTH = 30;

  private final PrintStream out;
  private final long totalBytes;
  private final long totalRecords;
  private final boolean terminal;
  private int lastTenth = -1;

  /** @param totalBytes the file's size, or 0; @param totalRecords the records expected, or 0 */
  public ImportProgress(PrintStream out, long totalBytes, long totalRecords) {
    this.out = out;
    this.totalBytes = totalBytes;
    this.totalRecords = totalRecords;
    this.terminal = System.console() != null;
  }

  @Override
  public void update(long records, long bytesRead) {
    double done = totalBytes > 0 ? (double) bytesRead / totalBytes
        : totalRecords > 0 ? (double) records / totalRecords : 0;
    done = Math.min(1, done);
    if (terminal) {
      int filled = (int) Math.round(done * WIDTH);
      out.printf(Locale.ROOT, "\r  importing %3.0f%% [%s%s] %,d records", done * 100, "#".repeat(filled),
          ".".repeat(WIDTH - filled), records);
    } else if ((int) (done * 10) > lastTenth) {
      lastTenth = (int) (done * 10);
      out.printf(Locale.ROOT, "  importing %3.0f%% (%,d records)%n", done * 100, records);
    }
    out.flush();
  }

  /** Ends the bar's line. */
  public void finish() {
    if (terminal) {
      out.println();
    }
  }
}
