package com.medcontracthub.jobs;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** A test of the queue: a fixture of its own (key prefix, workers) per test, the workers stopped after it. */
@ExtendWith(VertxExtension.class)
abstract class QueueTest {

  QueueFixture f;

  @BeforeEach
  void fixture(Vertx vertx) {
    f = new QueueFixture(vertx);
  }

  @AfterEach
  void close(VertxTestContext test) {
    f.close().onComplete(test.succeedingThenComplete());
  }
}
