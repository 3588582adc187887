package com.medcontracthub.codecs.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The build's schema check")
class SchemaCheckTest {

  private static final String NAME = "test.Thing";
  private static final Schema V1 = schema("""
      {"name": "id", "type": "string"}, {"name": "note", "type": ["null", "string"], "default": null}""");

  @TempDir
  Path released;

  @Test
  @DisplayName("accepts the event schemas of this build as released")
  void acceptsTheReleasedEvents() {
    Path source = Path.of("src/main/resources/" + SchemaHistory.ROOT);
    assertEquals(List.of(), SchemaCheck.problems(source, EventTypes.ALL.stream().map(EventTypes::schema).toList()));
  }

  @Test
  @DisplayName("accepts a new release that adds an optional field with a default")
  void acceptsAnOptionalField() throws IOException {
    Schema v2 = schema("""
        {"name": "id", "type": "string"}, {"name": "note", "type": ["null", "string"], "default": null},
        {"name": "priority", "type": "int", "default": 0}""");
    release(V1, v2);
    assertEquals(List.of(), SchemaCheck.problems(released, List.of(v2)));
  }

  @Test
  @DisplayName("refuses a release that adds a required field: it cannot read the records of the one before")
  void refusesARequiredField() throws IOException {
    Schema v2 = schema("""
        {"name": "id", "type": "string"}, {"name": "note", "type": ["null", "string"], "default": null},
        {"name": "priority", "type": "int"}""");
    release(V1, v2);
    List<String> problems = SchemaCheck.problems(released, List.of(v2));
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).startsWith("test.Thing v2 cannot read v1 records (not backward compatible)"),
        problems.get(0));
  }

  @Test
  @DisplayName("refuses a release that drops a field older readers need")
  void refusesADroppedRequiredField() throws IOException {
    Schema v2 = schema("""
        {"name": "note", "type": ["null", "string"], "default": null}""");
    release(V1, v2);
    List<String> problems = SchemaCheck.problems(released, List.of(v2));
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).startsWith("test.Thing v1 cannot read v2 records (not forward compatible)"),
        problems.get(0));
  }

  @Test
  @DisplayName("refuses a released schema edited in place")
  void refusesAnEditInPlace() throws IOException {
    release(V1);
    Files.writeString(released.resolve(NAME + "/v1.avsc"), schema("""
        {"name": "id", "type": "long"}""").toString(true));
    List<String> problems = SchemaCheck.problems(released, List.of(V1));
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).startsWith("test.Thing/v1.avsc changed after its release"), problems.get(0));
  }

  @Test
  @DisplayName("refuses a current schema that differs from its latest release")
  void refusesAnUnreleasedChange() throws IOException {
    release(V1);
    Schema changed = schema("""
        {"name": "id", "type": "string"}, {"name": "note", "type": ["null", "string"], "default": null},
        {"name": "priority", "type": "int", "default": 0}""");
    assertEquals(List.of("test.Thing differs from its latest release v1: released schemas never change; add the new"
        + " schema as v2"), SchemaCheck.problems(released, List.of(changed)));
  }

  @Test
  @DisplayName("refuses an event type that was never released, and a schema file nobody listed")
  void refusesUnlistedSchemas() throws IOException {
    release(V1);
    Files.writeString(released.resolve(NAME + "/v2.avsc"), V1.toString(true));
    Schema other = new Schema.Parser().parse("""
        {"type": "record", "name": "Other", "namespace": "test", "fields": []}""");
    assertEquals(List.of("test.Other has no release: add it as v1 to RELEASES",
        "test.Thing/v2.avsc is not listed in RELEASES"), SchemaCheck.problems(released, List.of(V1, other)));
  }

  @Test
  @DisplayName("refuses a history it cannot read: no index, a malformed line, a listed file that is missing, a file "
      + "of another schema, a gap in the versions")
  void refusesABrokenHistory() throws IOException {
    List<String> problems = new ArrayList<>();
    problems.addAll(SchemaCheck.problems(released, List.of(V1)));
    Files.writeString(released.resolve(SchemaHistory.INDEX), "# test history\ntest.Thing one 1f\n");
    problems.addAll(SchemaCheck.problems(released, List.of(V1)));
    String fingerprint = Long.toHexString(SchemaNormalization.parsingFingerprint64(V1));
    Files.writeString(released.resolve(SchemaHistory.INDEX), NAME + " 1 " + fingerprint + "\n");
    problems.addAll(SchemaCheck.problems(released, List.of(V1)));
    Schema other = new Schema.Parser().parse("""
        {"type": "record", "name": "Other", "namespace": "test", "fields": []}""");
    Files.createDirectories(released.resolve(NAME));
    Files.writeString(released.resolve(NAME + "/v1.avsc"), other.toString(true));
    Files.writeString(released.resolve(SchemaHistory.INDEX), NAME + " 1 "
        + Long.toHexString(SchemaNormalization.parsingFingerprint64(other)) + "\n");
    problems.addAll(SchemaCheck.problems(released, List.of(V1)));
    Files.writeString(released.resolve(NAME + "/v2.avsc"), V1.toString(true));
    Files.writeString(released.resolve(SchemaHistory.INDEX), NAME + " 2 " + fingerprint + "\n");
    problems.addAll(SchemaCheck.problems(released, List.of(V1)));
    assertEquals(List.of(
        "schemas/released/RELEASES is missing",
        "RELEASES line 2: expected '<full name> <version> <hex fingerprint>' but got 'test.Thing one 1f'",
        "RELEASES lists test.Thing/v1.avsc but there is no such file",
        "test.Thing/v1.avsc defines test.Other, not test.Thing",
        "RELEASES: test.Thing v2 follows v0; versions count up from 1 without gaps"), problems);
  }

  private void release(Schema... versions) throws IOException {
    StringBuilder index = new StringBuilder("# test history\n");
    Files.createDirectories(released.resolve(NAME));
    for (int i = 0; i < versions.length; i++) {
      Files.writeString(released.resolve(NAME + "/v" + (i + 1) + ".avsc"), versions[i].toString(true));
      index.append(NAME).append(' ').append(i + 1).append(' ')
          .append(Long.toHexString(SchemaNormalization.parsingFingerprint64(versions[i]))).append('\n');
    }
    Files.writeString(released.resolve(SchemaHistory.INDEX), index);
  }

  private static Schema schema(String fields) {
    return new Schema.Parser().parse("{\"type\": \"record\", \"name\": \"Thing\", \"namespace\": \"test\", \"fields\": ["
        + fields + "]}");
  }
}
