package com.medcontracthub.ai.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;

/** What an index directory holds on disk: the notice ids of its last commit, as a new process would find them. */
public final class CommittedNotices {

  private CommittedNotices() {
  }

  /** How many segments the index has made up to its last commit: each write of a document makes one (or adds to one). */
  public static long segmentsMade(Path dir) throws IOException {
    try (FSDirectory fs = FSDirectory.open(dir)) {
      return SegmentInfos.readLatestCommit(fs).counter;
    }
  }

  public static Set<String> in(Path dir) throws IOException {
    Set<String> ids = new HashSet<>();
    try (FSDirectory fs = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(fs)) {
      for (int doc = 0; doc < reader.maxDoc(); doc++) {
        ids.add(reader.storedFields().document(doc).get(LuceneNoticeIndex.ID));
      }
    }
    return ids;
  }
}
