package com.medcontracthub.codecs.avro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;

/**
 * The build's schema rules: each event's current schema is its latest release (a change is a new release, never an
 * edit), each release reads its predecessor's records and its predecessor reads its records (backward and forward
 * compatible, so producers and consumers of either version can be deployed first), and every released file is listed.
 */
public final class SchemaCheck {

  private SchemaCheck() {
  }

  /** Run by the build with the released directory of the source tree; fails it with every problem found. */
  public static void main(String[] args) {
    Path released = Path.of(args.length > 0 ? args[0] : "src/main/resources/" + SchemaHistory.ROOT);
    List<Schema> current = EventTypes.ALL.stream().map(EventTypes::schema).toList();
    List<String> problems = problems(released, current);
    if (!problems.isEmpty()) {
      throw new SchemaException("event schemas break the release rules:\n  " + String.join("\n  ", problems));
    }
    System.out.println("[schemas] " + current.size() + " event schemas are released and compatible with their"
        + " previous releases");
  }

  /** What is wrong with the history in {@code released} and the {@code current} schemas; empty when nothing is. */
  public static List<String> problems(Path released, Collection<Schema> current) {
    List<String> problems = new ArrayList<>();
    SchemaHistory history;
    try {
      history = SchemaHistory.load(path -> {
        Path file = released.resolve(path);
        return Files.exists(file) ? Files.newInputStream(file) : null;
      });
    } catch (SchemaException e) {
      return List.of(e.getMessage());
    }
    Set<String> listed = new HashSet<>();
    for (String name : history.names()) {
      List<SchemaHistory.Release> releases = history.releases(name);
      releases.forEach(r -> listed.add(r.path()));
      for (int i = 1; i < releases.size(); i++) {
        compatible(releases.get(i - 1), releases.get(i), problems);
      }
    }
    for (Schema schema : current) {
      List<SchemaHistory.Release> releases = history.releases(schema.getFullName());
      if (releases.isEmpty()) {
        problems.add(schema.getFullName() + " has no release: add it as v1 to " + SchemaHistory.INDEX);
      } else if (SchemaNormalization.parsingFingerprint64(schema) != releases.get(releases.size() - 1).fingerprint()) {
        SchemaHistory.Release latest = releases.get(releases.size() - 1);
        problems.add(schema.getFullName() + " differs from its latest release v" + latest.version()
            + ": released schemas never change; add the new schema as v" + (latest.version() + 1));
      }
    }
    for (String file : files(released)) {
      if (!listed.contains(file)) {
        problems.add(file + " is not listed in " + SchemaHistory.INDEX);
      }
    }
    return problems;
  }

  private static void compatible(SchemaHistory.Release older, SchemaHistory.Release newer, List<String> problems) {
    var backward = SchemaCompatibility.checkReaderWriterCompatibility(newer.schema(), older.schema());
    if (backward.getType() != SchemaCompatibilityType.COMPATIBLE) {
      problems.add(newer.fullName() + " v" + newer.version() + " cannot read v" + older.version()
          + " records (not backward compatible): " + backward.getResult().getIncompatibilities());
    }
    var forward = SchemaCompatibility.checkReaderWriterCompatibility(older.schema(), newer.schema());
    if (forward.getType() != SchemaCompatibilityType.COMPATIBLE) {
      problems.add(older.fullName() + " v" + older.version() + " cannot read v" + newer.version()
          + " records (not forward compatible): " + forward.getResult().getIncompatibilities());
    }
  }

  private static List<String> files(Path released) {
    try (Stream<Path> paths = Files.walk(released)) {
      return paths.filter(p -> p.toString().endsWith(".avsc"))
          .map(p -> released.relativize(p).toString().replace('\\', '/')).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
