package com.medcontracthub.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.config.Setting;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("PostgreSQL pools")
class PgPoolsTest {

  @Test
  @DisplayName("a statement running past postgres.statement-timeout-ms is cancelled by the server, and the "
      + "connection serves the next one")
  void statementTimeout(Vertx vertx, VertxTestContext test) {
    MchConfig config = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(),
        Map.of(ConfigKeys.POSTGRES_STATEMENT_TIMEOUT_MS, new Setting("1000", "the test"))).await();
    Pool pool = PgPools.create(vertx, config, 1, PgPools.ACQUIRE_TIMEOUT_MS);
    pool.query("SELECT pg_sleep(30)").execute()
        .transform(slept -> {
          test.verify(() -> {
            PgException cancelled = assertInstanceOf(PgException.class, slept.cause());
            assertEquals("57014", cancelled.getSqlState(), cancelled.getMessage());
          });
          return pool.query("SHOW statement_timeout").execute();
        })
        .eventually(pool::close)
        .onComplete(test.succeeding(shown -> test.verify(() -> {
          assertEquals("1s", shown.iterator().next().getString(0));
          test.completeNow();
        })));
  }
}
