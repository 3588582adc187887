package com.medcontracthub.codecs.avro;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Every released version of every event schema, read from {@code schemas/released/}: the {@value #INDEX} file lists
 * each release as {@code <full name> <version> <fingerprint>}, and {@code <full name>/v<version>.avsc} holds it. The
 * fingerprint (CRC-64-AVRO of the parsing canonical form) is also the id on the wire of Avro's single-object
 * encoding, so a released schema can never change: records written with it would no longer be readable.
 */
public final class SchemaHistory {

  public static final String ROOT = "schemas/released/";
  public static final String INDEX = "RELEASES";

  /** One released version of one schema. */
  public record Release(String fullName, int version, long fingerprint, Schema schema) {
    public String path() {
      return fullName + "/v" + version + ".avsc";
    }
  }

  private final Map<String, List<Release>> byName;

  private SchemaHistory(Map<String, List<Release>> byName) {
    this.byName = byName;
  }

  /** The history on the classpath; a listed release whose file does not match its fingerprint is an error. */
  public static SchemaHistory load() {
    return load(path -> SchemaHistory.class.getClassLoader().getResourceAsStream(ROOT + path));
  }

  /** The history as {@code open} finds it (the build check reads the source tree with it). */
  public static SchemaHistory load(Opener open) {
    Map<String, List<Release>> byName = new HashMap<>();
    for (String[] entry : index(open)) {
      String name = entry[0];
      int version = Integer.parseInt(entry[1]);
      long listed = Long.parseUnsignedLong(entry[2], 16);
      Release release = new Release(name, version, listed, null);
      Schema schema = parse(open, release.path());
      long actual = SchemaNormalization.parsingFingerprint64(schema);
      if (actual != listed) {
        throw new SchemaException(release.path() + " changed after its release (fingerprint "
            + Long.toHexString(actual) + ", released as " + entry[2] + "): released schemas never change; "
            + "restore it and add the change as the next version");
      }
      if (!schema.getFullName().equals(name)) {
        throw new SchemaException(release.path() + " defines " + schema.getFullName() + ", not " + name);
      }
      List<Release> versions = byName.computeIfAbsent(name, n -> new ArrayList<>());
      if (version != versions.size() + 1) {
        throw new SchemaException(INDEX + ": " + name + " v" + version + " follows v" + versions.size()
            + "; versions count up from 1 without gaps");
      }
      versions.add(new Release(name, version, listed, schema));
    }
    return new SchemaHistory(byName);
  }

  /** Every release of the schema, oldest first; empty when it was never released. */
  public List<Release> releases(String fullName) {
    return byName.getOrDefault(fullName, List.of());
  }

  public Iterable<String> names() {
    return byName.keySet();
  }

  private static List<String[]> index(Opener open) {
    List<String[]> entries = new ArrayList<>();
    try (InputStream in = open.open(INDEX)) {
      if (in == null) {
        throw new SchemaException(ROOT + INDEX + " is missing");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int lineNumber = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lineNumber++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] fields = trimmed.split("\\s+");
        if (fields.length != 3 || !fields[1].matches("[1-9][0-9]*") || !fields[2].matches("[0-9a-f]{1,16}")) {
          throw new SchemaException(INDEX + " line " + lineNumber + ": expected '<full name> <version> <hex fingerprint>'"
              + " but got '" + trimmed + "'");
        }
        entries.add(fields);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return entries;
  }

  private static Schema parse(Opener open, String path) {
    try (InputStream in = open.open(path)) {
      if (in == null) {
        throw new SchemaException(INDEX + " lists " + path + " but there is no such file");
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a file below {@link #ROOT}, or answers null when there is none. */
  @FunctionalInterface
  public interface Opener {
    InputStream open(String path) throws IOException;
  }
}
