package com.medcontracthub.platform.config;

/** A value for a configuration key, with where it came from (an environment variable, a flag…) for error messages. */
public record Setting(String value, String origin) {
}
