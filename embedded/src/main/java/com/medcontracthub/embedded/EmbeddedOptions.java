package com.medcontracthub.embedded;

import java.nio.file.Path;

/**
 * Where the embedded infrastructure keeps its data and which ports it takes (0 = any free port).
 *
 * @param fresh         empty the data directory before starting
 * @param pickFreePorts take a free port instead of failing when a configured one is in use
 */
public record EmbeddedOptions(Path dataDir, boolean fresh, String host, int kafkaPort, int kafkaControllerPort,
    int postgresPort, int redisPort, boolean pickFreePorts) {
}
