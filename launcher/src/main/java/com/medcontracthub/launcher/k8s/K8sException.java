package com.medcontracthub.launcher.k8s;

/** What the operator can act on: kubectl missing or failing, an overlay or a price table that does not read. */
public final class K8sException extends RuntimeException {

  public K8sException(String message) {
    super(message);
  }
}
