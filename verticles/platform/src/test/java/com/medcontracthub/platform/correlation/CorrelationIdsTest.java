package com.medcontracthub.platform.correlation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.medcontracthub.codecs.Headers;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
@DisplayName("Correlation ids in log lines")
class CorrelationIdsTest {

  private static final Logger LOG = LoggerFactory.getLogger("correlation-test");
  private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final CorrelationIdLogFilter filter = new CorrelationIdLogFilter();
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @BeforeEach
  void capture() {
    filter.start();
    logging.addTurboFilter(filter);
    lines.start();
    logging.getLogger("correlation-test").addAppender(lines);
  }

  @AfterEach
  void release() {
    logging.getLogger("correlation-test").detachAppender(lines);
    logging.getTurboFilterList().remove(filter);
  }

  @Test
  @DisplayName("carry the id of the message being handled, in its handler and in what continues after it, and no "
      + "other message's")
  void followTheWork(Vertx vertx, VertxTestContext ctx) {
    CorrelationIds.bindOnDelivery(vertx);
    vertx.eventBus().<String>consumer("test.correlated", message -> {
      LOG.info("handling {}", message.body());
      vertx.timer(20).onComplete(t -> {
        LOG.info("later {}", message.body());
        message.reply(null);
      });
    });
    vertx.eventBus().request("test.correlated", "a", new DeliveryOptions().addHeader(Headers.CORRELATION_ID, "req-a"))
        .compose(v -> vertx.eventBus().request("test.correlated", "b",
            new DeliveryOptions().addHeader(Headers.CORRELATION_ID, "req-b")))
        .compose(v -> vertx.eventBus().request("test.correlated", "c"))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          LOG.info("outside any request");
          List<String> ids = lines.list.stream()
              .map(e -> e.getFormattedMessage() + "=" + e.getMDCPropertyMap().get(CorrelationIdLogFilter.KEY)).toList();
          assertEquals(List.of("handling a=req-a", "later a=req-a", "handling b=req-b", "later b=req-b",
              "handling c=null", "later c=null", "outside any request=null"), ids);
          assertNull(CorrelationIds.current());
          ctx.completeNow();
        })));
  }
}
