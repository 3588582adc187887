package com.medcontracthub.opportunities.ingest;

import java.io.IOException;
import java.util.Map;

/** Raw SAM.gov records, one at a time. */
public interface RecordSource {

  /** The next record, or null at the end. */
  Map<String, Object> next() throws IOException;

  /** How far into its input the source is, in bytes (0 when it has no byte input). */
  long bytesRead();
}
