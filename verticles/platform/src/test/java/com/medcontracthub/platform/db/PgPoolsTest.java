package com.medcontracthub.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import com.medcontracthub.platform.config.Setting;
import com.medcontracthub.testkit.Eventually;
import com.medcontracthub.testkit.TestInfrastructure;
import io.vertx.core.Future;
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

  /** A pool of one connection with {@code key} set to one second. */
  private static Pool oneSecond(Vertx vertx, String key) {
    MchConfig config = ConfigLoader.load(vertx, "cluster", Optional.empty(), TestInfrastructure.environment(),
        Map.of(key, new Setting("1000", "the test"))).await();
    return PgPools.create(vertx, config, 1, PgPools.ACQUIRE_TIMEOUT_MS);
  }

  @Test
  @DisplayName("a transaction left idle past postgres.idle-in-transaction-timeout-ms is ended by the server, its "
      + "locks freed for another session")
  void idleTransactionEnded(Vertx vertx, VertxTestContext test) {
    Pool stalled = oneSecond(vertx, ConfigKeys.POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT_MS);
    Pool other = oneSecond(vertx, ConfigKeys.POSTGRES_IDLE_IN_TRANSACTION_TIMEOUT_MS);
    String lock = "SELECT pg_try_advisory_xact_lock(hashtext('pg-pools-test')) AS locked";
    // a transaction that takes the lock, then waits for nothing: as a JVM frozen in the middle of one would
    stalled.getConnection().compose(conn -> conn.begin().compose(tx -> conn.query(lock).execute()))
        .compose(held -> {
          test.verify(() -> assertEquals(true, held.iterator().next().getBoolean("locked")));
          return Eventually.untilTrue(vertx, () -> other.withTransaction(conn -> conn.query(lock).execute())
              .map(rows -> rows.iterator().next().getBoolean("locked")), 10_000, "the lock free again");
        })
        .eventually(() -> Future.join(stalled.close(), other.close()))
        .onComplete(test.succeedingThenComplete());
  }

  @Test
  @DisplayName("a statement running past postgres.statement-timeout-ms is cancelled by the server, and the "
      + "connection serves the next one")
  void statementTimeout(Vertx vertx, VertxTestContext test) {
    Pool pool = oneSecond(vertx, ConfigKeys.POSTGRES_STATEMENT_TIMEOUT_MS);
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
