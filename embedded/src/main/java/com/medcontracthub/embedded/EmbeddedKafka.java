package com.medcontracthub.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Apache Kafka broker in KRaft mode (broker and controller in one process), in this JVM.
 * The log directory is formatted on first start only, so topics and offsets survive a restart.
 */
final class EmbeddedKafka implements EmbeddedComponent {

  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  private final String host;
  private final int port;
  private final int controllerPort;
  private final Path logDir;
  private KafkaRaftServer server;

  EmbeddedKafka(String host, int port, int controllerPort, Path logDir) {
    this.host = host;
    this.port = port;
    this.controllerPort = controllerPort;
    this.logDir = logDir;
  }

  @Override
  public String name() {
    return "kafka";
  }

  @Override
  public void start() throws Exception {
    Files.createDirectories(logDir);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format();
    }
    if (server != null) {
      return;
    }
    KafkaRaftServer starting = new KafkaRaftServer(KafkaConfig.fromProps(brokerProperties(), false), Time.SYSTEM);
    starting.startup();
    server = starting;
  }

  private void format() throws Exception {
    new Formatter()
        .setPrintStream(NullPrintStream.INSTANCE)
        .setClusterId(Uuid.randomUuid().toString())
        .setNodeId(1)
        .setControllerListenerName(CONTROLLER_LISTENER)
        .setMetadataLogDirectory(logDir.toString())
        .setDirectories(List.of(logDir.toString()))
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
        .run();
  }

  private Properties brokerProperties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + host + ":" + port + "," + CONTROLLER_LISTENER + "://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "4");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "4");
    // several partitions, as in production: ordering holds per key (aggregate), not per topic
    p.put("num.partitions", "3");
    p.put("auto.create.topics.enable", "true");
    // one machine, one broker: new consumer groups should not wait for more members
    p.put("group.initial.rebalance.delay.ms", "0");
    return p;
  }

  @Override
  public String address() {
    return host + ":" + port;
  }

  @Override
  public void close() {
    if (server != null) {
      try {
        server.shutdown();
        server.awaitShutdown();
      } finally {
        server = null;
      }
    }
  }
}
