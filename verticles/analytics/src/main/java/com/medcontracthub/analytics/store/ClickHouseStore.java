package com.medcontracthub.analytics.store;

import com.medcontracthub.analytics.ingest.EventRow;
import com.medcontracthub.platform.resilience.Breaker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.List;

/**
 * A ClickHouse server over its HTTP interface (plain HTTP and JSON: the Java clients need a newer server than the
 * oldest the product supports, 18.16). Rows go in as {@code JSONEachRow}; answers come back as {@code FORMAT JSON} with
 * 64-bit numbers unquoted. The events table is a {@code ReplacingMergeTree} keyed by event id, so an event written
 * twice collapses into one in the background (the queries count it once meanwhile). Every call has {@code timeoutMs}.
 */
public final class ClickHouseStore implements AnalyticsStore {

  private final WebClient client;
  private final Breaker breaker;
  private final String url;
  private final String database;
  private final UsernamePasswordCredentials login;
  private final long timeoutMs;

  /** {@code breaker}: ClickHouse's, counting the calls that got no answer (an error answered is the query's). */
  public ClickHouseStore(Vertx vertx, Breaker breaker, String url, String database, String user, String password,
      long timeoutMs) {
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) timeoutMs));
    this.breaker = breaker;
    this.url = url + "/";
    this.database = database;
    this.login = new UsernamePasswordCredentials(user, password);
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Dialect dialect() {
    return Dialect.CLICKHOUSE;
  }

  @Override
  public Future<Void> migrate() {
    return send(client.postAbs(url), "CREATE DATABASE IF NOT EXISTS " + database)
        .compose(v -> Migrations.apply(Dialect.CLICKHOUSE, this::execute, this::query));
  }

  /** Runs a statement that answers no rows (the database must exist: {@link #migrate} makes it). */
  Future<Void> execute(String sql) {
    return send(request(), sql).mapEmpty();
  }

  @Override
  public Future<Void> insert(List<EventRow> rows) {
    Buffer body = Buffer.buffer();
    rows.forEach(row -> body.appendString(row.json().encode()).appendByte((byte) '\n'));
    return send(request().addQueryParam("query", "INSERT INTO events FORMAT JSONEachRow"), body).mapEmpty();
  }

  @Override
  public Future<List<JsonObject>> query(String sql) {
    return query(sql, timeoutMs);
  }

  @Override
  public Future<List<JsonObject>> query(String sql, long timeoutMs) {
    return send(request().addQueryParam("output_format_json_quote_64bit_integers", "0"),
            Buffer.buffer(sql + " FORMAT JSON"), timeoutMs)
        .map(answer -> {
          JsonArray data = answer.bodyAsJsonObject().getJsonArray("data");
          return data.stream().map(JsonObject.class::cast).toList();
        });
  }

  private HttpRequest<Buffer> request() {
    return client.postAbs(url).addQueryParam("database", database);
  }

  private Future<HttpResponse<Buffer>> send(HttpRequest<Buffer> request, String sql) {
    return send(request, Buffer.buffer(sql));
  }

  private Future<HttpResponse<Buffer>> send(HttpRequest<Buffer> request, Buffer body) {
    return send(request, body, timeoutMs);
  }

  private Future<HttpResponse<Buffer>> send(HttpRequest<Buffer> request, Buffer body, long timeoutMs) {
    return breaker.call(() -> request.authentication(login).timeout(timeoutMs).sendBuffer(body))
        .compose(answer -> answer.statusCode() == 200
        ? Future.succeededFuture(answer)
        : Future.failedFuture(new IllegalStateException("ClickHouse answered " + answer.statusCode() + ": "
            + answer.bodyAsString().strip())));
  }

  @Override
  public Future<Void> close() {
    breaker.close();
    client.close();
    return Future.succeededFuture();
  }
}
