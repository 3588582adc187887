package com.medcontracthub.launcher.k8s;

import java.util.ArrayList;
import java.util.List;

/**
 * Rolling one service back to a release it ran before: its Deployment's rollout undone (to the previous revision or a
 * given one), then waited for until every pod of it is ready again. The other services stay where they are: migrations
 * are expand/contract, so a release runs on the schema of the next one (docs/kubernetes.md).
 */
public record RollbackPlan(String service, String namespace, String context, Integer revision, String timeout) {

  /** The Deployment of a service, as {@code k8s/base} names it. */
  public String deployment() {
    return "deployment/mch-" + service;
  }

  /** The kubectl commands, in order. */
  public List<List<String>> steps() {
    List<String> undo = new ArrayList<>(kubectl("rollout", "undo", deployment()));
    if (revision != null) {
      undo.add("--to-revision=" + revision);
    }
    return List.of(kubectl("rollout", "history", deployment()), undo,
        kubectl("rollout", "status", deployment(), "--timeout=" + timeout));
  }

  private List<String> kubectl(String... args) {
    List<String> command = new ArrayList<>(List.of("kubectl"));
    if (context != null) {
      command.add("--context=" + context);
    }
    command.add("--namespace=" + namespace);
    command.addAll(List.of(args));
    return command;
  }
}
