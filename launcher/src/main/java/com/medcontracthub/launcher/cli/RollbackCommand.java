package com.medcontracthub.launcher.cli;

import com.medcontracthub.launcher.k8s.K8sException;
import com.medcontracthub.launcher.k8s.RollbackPlan;
import com.medcontracthub.launcher.run.ServiceCatalog;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mch rollback SERVICE}: one service back to its previous release on Kubernetes, the others untouched. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
    description = {"Roll one service back to the release it ran before, on Kubernetes: shows its rollout history, "
        + "undoes its last rollout (kubectl rollout undo) and waits until all its pods are ready again. The other "
        + "services keep running their release (docs/runbooks/rollback.md).",
        "Example: mch rollback opportunities --dry-run"})
public final class RollbackCommand implements Callable<Integer> {

  /** How long a step may take beyond the rollout's own timeout before the command gives up on kubectl. */
  private static final long STEP_GRACE_S = 60;

  @Parameters(paramLabel = "SERVICE", description = "The service, e.g. opportunities.")
  String service;

  @Option(names = "--namespace", defaultValue = "medcontracthub",
      description = "Where the product runs (default: ${DEFAULT-VALUE}; mch-dev for the dev overlay).")
  String namespace;

  @Option(names = "--context", description = "The kubeconfig context (default: kubectl's current one).")
  String context;

  @Option(names = "--to-revision", paramLabel = "N",
      description = "Go back to this revision of the rollout history instead of the previous one.")
  Integer revision;

  @Option(names = "--timeout", defaultValue = "10m",
      description = "How long to wait for the pods to be ready (a kubectl duration; default: ${DEFAULT-VALUE}).")
  String timeout;

  @Option(names = "--dry-run", description = "Print the plan and change nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws InterruptedException {
    if (!ServiceCatalog.names().contains(service)) {
      return ConfigOptions.failed("no service '" + service + "'; there are: "
          + String.join(", ", ServiceCatalog.names()));
    }
    if (revision != null && revision < 1) {
      return ConfigOptions.failed("--to-revision: a revision of the rollout history (1 or more), not " + revision);
    }
    if (!timeout.matches("[0-9]+[smh]")) {
      return ConfigOptions.failed("--timeout: a duration such as 90s, 10m or 1h, not " + timeout);
    }
    RollbackPlan plan = new RollbackPlan(service, namespace, context, revision, timeout);
    List<List<String>> steps = plan.steps();
    System.out.println((dryRun ? "Would roll back " : "Rolling back ") + service + " in namespace " + namespace + ":");
    for (int i = 0; i < steps.size(); i++) {
      System.out.println("  " + (i + 1) + ". " + String.join(" ", steps.get(i)));
    }
    System.out.println("  Then check that the stores derived from the events still agree with PostgreSQL: "
        + "mch reconcile");
    if (dryRun) {
      return ExitCode.OK;
    }
    long limitS = seconds(timeout) + STEP_GRACE_S;
    for (List<String> step : steps) {
      int status;
      try {
        status = run(step, limitS);
      } catch (K8sException e) {
        return ConfigOptions.failed(e.getMessage());
      }
      if (status != 0) {
        return ConfigOptions.failed(String.join(" ", step) + " exited with " + status + "; " + service
            + " is where that step left it (see: kubectl --namespace=" + namespace + " rollout status "
            + plan.deployment() + ")");
      }
    }
    System.out.println(service + " is back on its previous release and ready.");
    return ExitCode.OK;
  }

  /** A kubectl duration of the form {@code --timeout} accepts, in seconds. */
  private static long seconds(String duration) {
    long amount = Long.parseLong(duration.substring(0, duration.length() - 1));
    return switch (duration.charAt(duration.length() - 1)) {
      case 'h' -> TimeUnit.HOURS.toSeconds(amount);
      case 'm' -> TimeUnit.MINUTES.toSeconds(amount);
      default -> amount;
    };
  }

  /** Runs one kubectl command, its output the operator's; its exit status (124: it did not finish in time). */
  private static int run(List<String> command, long limitS) throws InterruptedException {
    Process kubectl;
    try {
      kubectl = new ProcessBuilder(command).inheritIO().start();
    } catch (IOException e) {
      throw new K8sException("kubectl is not on the PATH (https://kubernetes.io/docs/tasks/tools/)");
    }
    if (!kubectl.waitFor(limitS, TimeUnit.SECONDS)) {
      kubectl.destroyForcibly();
      return 124;
    }
    return kubectl.exitValue();
  }
}
