package com.medcontracthub.platform.config;

/** A setting is missing or malformed; the message names the key, where the value came from and what is expected. */
public class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }
}
