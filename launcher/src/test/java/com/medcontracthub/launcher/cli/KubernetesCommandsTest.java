package com.medcontracthub.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.launcher.Mch;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code mch cost} and {@code mch rollback} as an operator runs them (rollback's own run needs a cluster). */
class KubernetesCommandsTest {

  private record Run(int status, String out, String err) {
  }

  @Test
  @DisplayName("mch cost prints the MVP's bill line by line and keeps it within an $800 budget")
  void costOfTheMvp() {
    Run run = mch("cost", "../k8s/overlays/mvp", "--prices", "../conf/prices/gke-us-central1.yaml", "--budget", "800");
    assertEquals(0, run.status(), run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).startsWith("../k8s/overlays/mvp a month on Google Kubernetes Engine (Standard), "
        + "us-central1, list prices of 2025-06-01"), lines.get(0));
    assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+nodes\\s+1 × e2-standard-8 for 13 pods .*\\$195\\.66")),
        run.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+volume data-postgres-0\\s+20 GiB standard-rwo\\s+\\$2\\.00")),
        run.out());
    assertTrue(lines.stream().anyMatch(l -> l.matches("\\s+total\\s+\\$\\d{3}\\.\\d\\d")), run.out());
    assertEquals("  within the budget of $800.00", lines.get(lines.size() - 1));
  }

  @Test
  @DisplayName("mch cost fails, saying by how much, when the month costs more than the budget")
  void overBudget() {
    Run run = mch("cost", "../k8s/overlays/mvp", "--prices", "../conf/prices/gke-us-central1.yaml", "--budget", "100");
    assertEquals(1, run.status());
    assertTrue(run.err().matches("mch: over the budget of \\$100\\.00 by \\$\\d+\\.\\d\\d\\n"), run.err());
  }

  @Test
  @DisplayName("mch cost names what is missing: an overlay, a price table")
  void costRefusals() {
    assertEquals(new Run(1, "", "mch: ../k8s/overlays/staging: no such directory (an overlay, e.g. k8s/overlays/mvp)\n"),
        mch("cost", "../k8s/overlays/staging"));
    assertEquals(new Run(1, "", "mch: prices.yaml: no such price table\n"),
        mch("cost", "../k8s/overlays/mvp", "--prices", "prices.yaml"));
  }

  @Test
  @DisplayName("mch cost says why kubectl could not render a directory, and names a price that does not read")
  void costFailures(@TempDir Path dir) throws Exception {
    Run unrendered = mch("cost", dir.toString());
    assertEquals(1, unrendered.status());
    assertTrue(unrendered.err().startsWith("mch: kubectl kustomize " + dir + ": ")
        && unrendered.err().contains("unable to find one of 'kustomization.yaml'"), unrendered.err());
    Path prices = dir.resolve("prices.yaml");
    Files.writeString(prices, Files.readString(Path.of("..", "conf", "prices", "gke-us-central1.yaml"))
        .replace("hours-per-month: 730", "hours-per-month: many"));
    assertEquals(new Run(1, "", "mch: " + prices + ": hours-per-month is many, expected a number\n"),
        mch("cost", "../k8s/overlays/mvp", "--prices", prices.toString()));
  }

  @Test
  @DisplayName("mch rollback runs kubectl and stops at the first step that fails, saying where the service is left")
  void rollbackFailure() {
    Run run = mch("rollback", "ocr", "--context", "no-such-cluster", "--timeout", "90s");
    assertEquals(1, run.status());
    assertTrue(run.out().startsWith("Rolling back ocr in namespace medcontracthub:"), run.out());
    assertEquals("mch: kubectl --context=no-such-cluster --namespace=medcontracthub rollout history deployment/mch-ocr "
        + "exited with 1; ocr is where that step left it (see: kubectl --namespace=medcontracthub rollout status "
        + "deployment/mch-ocr)\n", run.err());
  }

  @Test
  @DisplayName("mch rollback --dry-run prints the kubectl plan for one service and changes nothing")
  void rollbackPlan() {
    Run run = mch("rollback", "opportunities", "--dry-run", "--to-revision", "4", "--context", "gke-prod");
    assertEquals(0, run.status(), run.err());
    assertEquals(List.of(
        "Would roll back opportunities in namespace medcontracthub:",
        "  1. kubectl --context=gke-prod --namespace=medcontracthub rollout history deployment/mch-opportunities",
        "  2. kubectl --context=gke-prod --namespace=medcontracthub rollout undo deployment/mch-opportunities "
            + "--to-revision=4",
        "  3. kubectl --context=gke-prod --namespace=medcontracthub rollout status deployment/mch-opportunities "
            + "--timeout=10m",
        "  Then check that the stores derived from the events still agree with PostgreSQL: mch reconcile"),
        run.out().lines().toList());
  }

  @Test
  @DisplayName("mch rollback refuses an unknown service, a revision below 1 and a malformed timeout")
  void rollbackRefusals() {
    assertEquals("mch: no service 'search'; there are: ai, analytics, documents, gateway, identity, ocr, opportunities, "
        + "realtime, worker\n", mch("rollback", "search").err());
    assertEquals("mch: --to-revision: a revision of the rollout history (1 or more), not 0\n",
        mch("rollback", "ocr", "--to-revision", "0").err());
    assertEquals("mch: --timeout: a duration such as 90s, 10m or 1h, not ten minutes\n",
        mch("rollback", "ocr", "--timeout", "ten minutes").err());
  }

  private static Run mch(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int status = new CommandLine(new Mch()).execute(args);
      return new Run(status, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
