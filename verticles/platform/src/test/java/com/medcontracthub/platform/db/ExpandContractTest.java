package com.medcontracthub.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Migrations are expand/contract, so that the release before a migration runs on the schema after it (a rollback of
 * one service needs no rollback of its schema): a statement that would break the previous release's SQL — a table,
 * view or column dropped, renamed or moved, a column's type changed or made NOT NULL, rows deleted — may appear only in
 * a migration that says {@code -- contract: V<n>}, naming an earlier migration of the same schema that says
 * {@code -- expand: …} (the release in between stopped using what the contract removes). docs/kubernetes.md states the
 * rule for people.
 */
class ExpandContractTest {

  private static final Path MIGRATIONS = Path.of("..", "..", "migrations");
  /**
   * Migrations released before the rule: Flyway's checksums forbid editing an applied migration, so they are named
   * here instead. {@code legacy} (a database made before the schemas, migrated once) is history as a whole.
   */
  private static final Set<String> BEFORE_THE_RULE = Set.of(
      "documents/V2__processing_saga.sql",
      "opportunities/V1__opportunities_saved_searches_pipeline_notifications.sql",
      "realtime/V1__comments_and_notes.sql",
      "identity/V1__tenants_and_users.sql",
      "platform/V1__outbox_event_store_processed_events.sql");
  private static final Set<String> HISTORY = Set.of("legacy");

  /** Anywhere in a statement, a DO block's or a function's body included (comments and string literals removed). */
  private static final List<Pattern> DESTRUCTIVE = Stream.of(
      "\\bDROP (TABLE|VIEW|MATERIALIZED VIEW|SCHEMA|TYPE|FUNCTION|SEQUENCE)\\b",
      "\\bALTER TABLE .*\\bDROP (COLUMN )?(IF EXISTS )?(?!CONSTRAINT\\b|DEFAULT\\b|NOT NULL\\b|IDENTITY\\b|EXPRESSION\\b)\\w",
      "\\bALTER (TABLE|VIEW|SCHEMA|TYPE|SEQUENCE) .*\\bRENAME\\b",
      "\\bALTER (TABLE|VIEW|SEQUENCE) .*\\bSET SCHEMA\\b",
      "\\bALTER TABLE .*\\bALTER (COLUMN )?\\w+ (SET DATA )?TYPE\\b",
      "\\bALTER TABLE .*\\bSET NOT NULL\\b",
      // a required column without a default: the previous release's INSERTs, which do not name it, fail
      "\\bALTER TABLE .*\\bADD (COLUMN )?(IF NOT EXISTS )?(?!CONSTRAINT\\b|PRIMARY\\b|UNIQUE\\b|FOREIGN\\b|CHECK\\b|EXCLUDE\\b)"
          + "(?![^,]*\\bDEFAULT\\b)\\w+[^,]*\\bNOT NULL\\b",
      "\\bTRUNCATE\\b",
      "\\bDELETE FROM\\b").map(Pattern::compile).toList();
  private static final Pattern CONTRACT = Pattern.compile("^-- contract: V(\\d+)\\b", Pattern.MULTILINE);
  private static final Pattern EXPAND = Pattern.compile("^-- expand: \\S", Pattern.MULTILINE);
  /** The only migrations this rule reads, and so the only ones a schema's folder may hold: V<integer>__<name>.sql. */
  private static final Pattern VERSION = Pattern.compile("^V(\\d+)__.*\\.sql$");

  @Test
  @DisplayName("every migration keeps the previous release working, or is the contract step of an earlier expand")
  void migrationsAreExpandContract() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> schemas = Files.list(MIGRATIONS)) {
      for (Path schema : schemas.filter(Files::isDirectory).sorted().toList()) {
        if (!HISTORY.contains(schema.getFileName().toString())) {
          violations.addAll(violations(schema));
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  @DisplayName("the statements that break the previous release are found, and those that do not are let through")
  void destructiveStatements() {
    for (String sql : List.of("DROP TABLE opportunities.saved_searches", "drop view  x.y",
        "ALTER TABLE a.b DROP COLUMN c", "ALTER TABLE a.b DROP IF EXISTS c", "ALTER TABLE a.b ADD x int, DROP c",
        "ALTER TABLE a.b RENAME COLUMN c TO d", "ALTER TABLE a.b RENAME TO c", "ALTER TABLE public.b SET SCHEMA a",
        "ALTER TABLE a.b ALTER COLUMN c TYPE bigint", "ALTER TABLE a.b ALTER c SET DATA TYPE text",
        "ALTER TABLE a.b ALTER COLUMN c SET NOT NULL", "TRUNCATE a.b", "DELETE FROM a.b WHERE true",
        "ALTER TABLE a.b ADD COLUMN c int NOT NULL", "ALTER TABLE a.b ADD d text, ADD c int NOT NULL",
        "DO $$ BEGIN DELETE FROM a.b; END $$", "DO $x$ BEGIN IF true THEN ALTER TABLE a.b DROP COLUMN c; END IF; END $x$")) {
      assertEquals(1, destructive(sql).size(), sql);
    }
    for (String sql : List.of("CREATE TABLE a.b (c int)", "ALTER TABLE a.b ADD COLUMN c int",
        "ALTER TABLE a.b DROP CONSTRAINT IF EXISTS b_fkey", "ALTER TABLE a.b ALTER COLUMN c DROP DEFAULT",
        "ALTER TABLE a.b ALTER COLUMN c DROP NOT NULL", "DROP INDEX IF EXISTS a.b_c", "UPDATE a.b SET c = 1",
        "CREATE INDEX b_drop ON a.b (c)", "INSERT INTO a.b VALUES ('DROP TABLE x')",
        "-- DROP TABLE x\nSELECT 1", "ALTER TABLE a.b ADD COLUMN c int NOT NULL DEFAULT 0",
        "ALTER TABLE a.b ADD COLUMN c int DEFAULT 0 NOT NULL", "ALTER TABLE a.b ADD CONSTRAINT c CHECK (d IS NOT NULL)",
        "DO $$ BEGIN UPDATE a.b SET c = 1; END $$")) {
      assertEquals(List.of(), destructive(sql), sql);
    }
  }

  @Test
  @DisplayName("a contract needs an earlier expand of the same schema to name")
  void contractsNameAnExpand(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("V1__tables.sql"), "CREATE TABLE s.t (a int, b int);\n");
    Files.writeString(dir.resolve("V2__b_unused.sql"), "-- expand: b is no longer read or written\nSELECT 1;\n");
    Files.writeString(dir.resolve("V3__drop_b.sql"), "-- contract: V2\nALTER TABLE s.t DROP COLUMN b;\n");
    assertEquals(List.of(), violations(dir));

    Files.writeString(dir.resolve("V3__drop_b.sql"), "-- contract: V1\nALTER TABLE s.t DROP COLUMN b;\n");
    assertEquals(List.of(dir.getFileName() + "/V3__drop_b.sql: 'ALTER TABLE s.t DROP COLUMN b' contracts V1, which is "
        + "no expand"), violations(dir));
    Files.writeString(dir.resolve("V3__drop_b.sql"), "-- contract: V4\nALTER TABLE s.t DROP COLUMN b;\n");
    assertEquals(List.of(dir.getFileName() + "/V3__drop_b.sql: 'ALTER TABLE s.t DROP COLUMN b' contracts V4, which is "
        + "not an earlier migration"), violations(dir));
    Files.writeString(dir.resolve("V3__drop_b.sql"), "ALTER TABLE s.t DROP COLUMN b;\n");
    assertEquals(List.of(dir.getFileName() + "/V3__drop_b.sql: 'ALTER TABLE s.t DROP COLUMN b' breaks the previous "
        + "release: make it the contract step of an earlier expand (-- contract: V<n>)"), violations(dir));
  }

  private static List<String> violations(Path schema) throws IOException {
    Map<Integer, String> migrations = new TreeMap<>();
    try (Stream<Path> files = Files.list(schema)) {
      for (Path file : files.toList()) {
        Matcher version = VERSION.matcher(file.getFileName().toString());
        if (version.matches()) {
          migrations.put(Integer.parseInt(version.group(1)), Files.readString(file));
        }
      }
    }
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.list(schema)) {
      for (Path file : files.sorted().toList()) {
        Matcher version = VERSION.matcher(file.getFileName().toString());
        String name = schema.getFileName() + "/" + file.getFileName();
        if (!version.matches()) {
          violations.add(name + ": not a migration this rule reads (V<integer>__<name>.sql)");
          continue;
        }
        if (BEFORE_THE_RULE.contains(name)) {
          continue;
        }
        String sql = Files.readString(file);
        Optional<Integer> contracted = Optional.of(CONTRACT.matcher(sql)).filter(Matcher::find)
            .map(m -> Integer.parseInt(m.group(1)));
        for (String statement : destructive(sql)) {
          if (contracted.isEmpty()) {
            violations.add(name + ": '" + statement + "' breaks the previous release: make it the contract step of an "
                + "earlier expand (-- contract: V<n>)");
          } else if (contracted.get() >= Integer.parseInt(version.group(1))) {
            violations.add(name + ": '" + statement + "' contracts V" + contracted.get()
                + ", which is not an earlier migration");
          } else if (!EXPAND.matcher(migrations.getOrDefault(contracted.get(), "")).find()) {
            violations.add(name + ": '" + statement + "' contracts V" + contracted.get() + ", which is no expand");
          }
        }
      }
    }
    return violations;
  }

  /** The statements of {@code sql} that would break the previous release, each on one line. */
  private static List<String> destructive(String sql) {
    List<String> found = new ArrayList<>();
    for (String statement : statements(sql)) {
      String line = statement.strip().replaceAll("\\s+", " ");
      String upper = line.toUpperCase(Locale.ROOT);
      if (DESTRUCTIVE.stream().anyMatch(p -> p.matcher(upper).find())) {
        found.add(line);
      }
    }
    return found;
  }

  /**
   * The statements of a script, without comments and string literals; a dollar-quoted body (a DO block, a function)
   * is read as statements too.
   */
  private static List<String> statements(String sql) {
    StringBuilder code = new StringBuilder();
    int i = 0;
    while (i < sql.length()) {
      if (sql.startsWith("--", i)) {
        i = end(sql, "\n", i + 2);
      } else if (sql.startsWith("/*", i)) {
        i = end(sql, "*/", i + 2);
      } else if (sql.charAt(i) == '\'') {
        i = end(sql, "'", i + 1);
        code.append("''");
      } else if (sql.charAt(i) == '$' && sql.indexOf('$', i + 1) > 0
          && sql.substring(i + 1, sql.indexOf('$', i + 1)).matches("\\w*")) {
        i = sql.indexOf('$', i + 1) + 1;
        code.append(' ');
      } else {
        code.append(sql.charAt(i++));
      }
    }
    return List.of(code.toString().split(";"));
  }

  private static int end(String sql, String closing, int from) {
    int at = sql.indexOf(closing, from);
    return at < 0 ? sql.length() : at + closing.length();
  }
}
