package com.medcontracthub.platform.config;

/** A server could not listen because its port is taken; names the setting that chose the port. */
public final class PortInUseException extends ConfigException {

  private final String key;

  public PortInUseException(String host, int port, String key) {
    super("port " + port + " on " + host + " is already in use (" + key + "); free it or choose another port");
    this.key = key;
  }

  /** The configuration key of the port. */
  public String key() {
    return key;
  }
}
