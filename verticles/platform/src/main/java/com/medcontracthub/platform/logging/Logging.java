package com.medcontracthub.platform.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Routes every library's logging through SLF4J and picks the output format: human-readable text or JSON lines. */
public final class Logging {

  private Logging() {
  }

  public static void configure(String format) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    if (format.equals("json")) {
      URL json = Logging.class.getResource("/logback-json.xml");
      LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
      context.reset();
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      try {
        configurator.doConfigure(json);
      } catch (JoranException e) {
        throw new IllegalStateException("cannot configure JSON logging", e);
      }
    }
  }
}
