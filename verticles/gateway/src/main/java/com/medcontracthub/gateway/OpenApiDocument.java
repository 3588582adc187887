package com.medcontracthub.gateway;

import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.extensions.ProductExtensions;
import com.medcontracthub.platform.http.GatewayMount;
import com.medcontracthub.platform.schema.ServiceSchemas;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /openapi.json}: an OpenAPI 3.1 document of the product's API and of the declarative file's routes, with
 * the request body and reply schemas each event-bus service declared ({@link ServiceSchemas}). A prefix route is one
 * path; a regular-expression route whose groups are named becomes a templated path ({@code /things/{id}}).
 */
final class OpenApiDocument {

  private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>[^)]*\\)");
  private static final List<String> ANY_METHOD = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private OpenApiDocument() {
  }

  /** The operations of a declarative file's routes. */
  static List<GatewayMount.Operation> of(GatewaySpec spec) {
    List<GatewayMount.Operation> operations = new ArrayList<>();
    for (GatewaySpec.Service service : spec.services()) {
      String address = service.upstream().scheme().equals(ProductExtensions.EVENT_BUS) ? service.upstream().address()
          : null;
      for (GatewaySpec.Route route : service.routes()) {
        List<String> paths = new ArrayList<>(route.paths());
        route.regexPaths().forEach(regex -> paths.add(template(regex.pattern())));
        for (String path : paths) {
          for (String method : route.methods().isEmpty() ? ANY_METHOD : route.methods()) {
            operations.add(new GatewayMount.Operation(method, path, address, "route " + route.name() + " of service "
                + service.name()));
          }
        }
      }
    }
    return operations;
  }

  /** {@code /things/(?<id>[^/]+)$} → {@code /things/{id}}; anchors dropped. */
  static String template(String regex) {
    Matcher m = NAMED_GROUP.matcher(regex);
    String templated = m.replaceAll(match -> "{" + match.group(1) + "}");
    return templated.replaceAll("^\\^|\\$$", "");
  }

  static Future<JsonObject> build(Vertx vertx, List<GatewayMount.Operation> operations) {
    List<Future<JsonObject>> declarations = operations.stream()
        .map(op -> op.address() == null ? Future.<JsonObject>succeededFuture() : ServiceSchemas.of(vertx, op.address()))
        .toList();
    return Future.join(new ArrayList<>(declarations)).transform(ar -> {
      Map<String, JsonObject> paths = new LinkedHashMap<>();
      for (int i = 0; i < operations.size(); i++) {
        GatewayMount.Operation op = operations.get(i);
        JsonObject declared = declarations.get(i).succeeded() ? declarations.get(i).result() : null;
        paths.computeIfAbsent(openApiPath(op.path()), p -> new JsonObject())
            .put(op.method().toLowerCase(Locale.ROOT), operation(op, declared));
      }
      JsonObject pathsJson = new JsonObject();
      paths.forEach(pathsJson::put);
      return Future.succeededFuture(new JsonObject()
          .put("openapi", "3.1.0")
          .put("info", new JsonObject().put("title", "MedContractHub API").put("version", "1"))
          .put("components", new JsonObject().put("securitySchemes", new JsonObject().put("bearer",
              new JsonObject().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT"))))
          .put("paths", pathsJson));
    });
  }

  /** Vert.x Web's {@code :id} → OpenAPI's {@code {id}}. */
  private static String openApiPath(String path) {
    return path.replaceAll(":([a-zA-Z][a-zA-Z0-9]*)", "{$1}");
  }

  private static JsonObject operation(GatewayMount.Operation op, JsonObject declared) {
    JsonObject operation = new JsonObject().put("summary", declared != null && declared.getString("summary") != null
        ? declared.getString("summary") : op.summary());
    JsonArray parameters = new JsonArray();
    Matcher names = Pattern.compile("[:{]([a-zA-Z][a-zA-Z0-9]*)").matcher(op.path());
    while (names.find()) {
      parameters.add(new JsonObject().put("name", names.group(1)).put("in", "path").put("required", true)
          .put("schema", new JsonObject().put("type", "string")));
    }
    if (!parameters.isEmpty()) {
      operation.put("parameters", parameters);
    }
    if (declared != null && declared.getJsonObject("body") != null) {
      operation.put("requestBody", new JsonObject().put("required", true).put("content", new JsonObject()
          .put("application/json", new JsonObject().put("schema", declared.getJsonObject("body")))));
    }
    JsonObject ok = new JsonObject().put("description", "the service's answer");
    if (declared != null && declared.getJsonObject("response") != null) {
      ok.put("content", new JsonObject().put("application/json", new JsonObject()
          .put("schema", declared.getJsonObject("response"))));
    }
    JsonObject problem = new JsonObject().put("description", "a problem (RFC 9457)").put("content",
        new JsonObject().put("application/problem+json", new JsonObject().put("schema", new JsonObject()
            .put("type", "object"))));
    String success = declared == null ? "200" : String.valueOf(declared.getInteger("status", 200));
    return operation.put("responses", new JsonObject().put(success, ok).put("4XX", problem).put("5XX", problem));
  }
}
