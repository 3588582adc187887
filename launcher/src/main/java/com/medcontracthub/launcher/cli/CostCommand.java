package com.medcontracthub.launcher.cli;

import com.medcontracthub.launcher.k8s.CostEstimate;
import com.medcontracthub.launcher.k8s.Footprint;
import com.medcontracthub.launcher.k8s.K8sException;
import com.medcontracthub.launcher.k8s.Kustomize;
import com.medcontracthub.launcher.k8s.PriceTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mch cost OVERLAY}: what a Kubernetes overlay costs a month, from what it renders and a dated price table. */
@Command(name = "cost", mixinStandardHelpOptions = true,
    description = {"Price a Kubernetes overlay a month: renders it (kubectl kustomize), adds up its pods' requests "
        + "(times their replicas, or their autoscaler's minimum), its volumes and load balancers, and prices the nodes "
        + "they need and the rest with a dated table of a cloud's list prices.",
        "Example: mch cost k8s/overlays/mvp --budget 800"})
public final class CostCommand implements Callable<Integer> {

  @Parameters(paramLabel = "OVERLAY", description = "A kustomize directory, e.g. k8s/overlays/mvp.")
  Path overlay;

  @Option(names = "--prices", paramLabel = "FILE", defaultValue = PriceTable.DEFAULT,
      description = "The price table (default: ${DEFAULT-VALUE}).")
  Path prices;

  @Option(names = "--budget", paramLabel = "DOLLARS",
      description = "Exit 1 when the month costs more than this.")
  BigDecimal budget;

  @Override
  public Integer call() throws InterruptedException {
    CostEstimate estimate;
    PriceTable table;
    try {
      table = PriceTable.read(prices);
      estimate = CostEstimate.of(Footprint.of(Kustomize.render(overlay)), table);
    } catch (K8sException | IOException e) {
      return ConfigOptions.failed(e.getMessage());
    }
    System.out.printf("%s a month on %s, list prices of %s (%s)%n", overlay, table.cloud(), table.asOf(), prices);
    for (CostEstimate.Line line : estimate.lines()) {
      System.out.printf("  %-40s %-70s %10s%n", line.item(), line.detail(), dollars(line.monthly()));
    }
    System.out.printf("  %-111s %10s%n", "total", dollars(estimate.total()));
    System.out.println("  not counted: " + table.notCounted());
    if (budget != null) {
      if (estimate.total().compareTo(budget) > 0) {
        return ConfigOptions.failed("over the budget of " + dollars(budget) + " by "
            + dollars(estimate.total().subtract(budget)));
      }
      System.out.println("  within the budget of " + dollars(budget));
    }
    return ExitCode.OK;
  }

  private static String dollars(BigDecimal amount) {
    return String.format("$%,.2f", amount);
  }
}
