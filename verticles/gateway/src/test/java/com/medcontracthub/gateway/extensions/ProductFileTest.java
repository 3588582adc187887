package com.medcontracthub.gateway.extensions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.Addresses;
import com.medcontracthub.gateway.engine.DeclarativeException;
import com.medcontracthub.gateway.engine.GatewayExtensions;
import com.medcontracthub.gateway.engine.GatewayFile;
import com.medcontracthub.gateway.engine.GatewaySpec;
import com.medcontracthub.gateway.engine.KongFiles;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The product's declarative files, and the engine's checks as they read with the product's plugins and upstreams. */
@DisplayName("The declarative gateway file with the product's extensions")
class ProductFileTest {

  private static final GatewayExtensions PRODUCT = ProductExtensions.forValidation();

  @Test
  @DisplayName("accepts the example file the project ships")
  void shippedExample() {
    GatewaySpec spec = GatewayFile.read(Path.of("../../conf/gateway.example.yaml"), PRODUCT);
    assertEquals(List.of("partner-search", "partner-read"), spec.services().stream().map(GatewaySpec.Service::name)
        .toList());
    assertEquals(List.of("correlation-id", "key-auth", "rate-limiting", "prometheus"),
        spec.globalPlugins().stream().map(GatewaySpec.Plugin::name).toList());
  }

  @Test
  @DisplayName("serves the product's API from its own file: every route behind the product's login, on a known address, "
      + "measured")
  void productFile() throws IllegalAccessException {
    GatewaySpec spec = GatewayFile.read(Path.of("../../conf/gateway.yaml"), PRODUCT);
    Set<Object> addresses = new HashSet<>();
    for (Field field : Addresses.class.getFields()) {
      addresses.add(field.get(null));
    }
    assertEquals(34, spec.services().size());
    for (GatewaySpec.Service service : spec.services()) {
      assertTrue(addresses.contains(service.upstream().address()), service.name() + ": " + service.upstream().address());
      assertEquals(List.of("mch-auth"), service.plugins().stream().map(GatewaySpec.Plugin::name).toList(), service.name());
      assertEquals(10_000, service.readTimeoutMs(), service.name());
    }
    assertEquals(List.of("prometheus"), spec.globalPlugins().stream().map(GatewaySpec.Plugin::name).toList(),
        "every route measured for the API's objectives");
  }

  @Test
  @DisplayName("names the path in the file of an unknown plugin, an unknown field and a wrong type")
  void pathsOfProblems() {
    for (KongFiles.Problem bad : KongFiles.PLUGIN_CONFIG_PROBLEMS) {
      assertEquals(bad.named(), problem(bad.file()));
    }
    assertEquals("services[2].plugins[0].name: unknown plugin \"rate-limit\"; known: acl, basic-auth, correlation-id, cors, "
        + "hmac-auth, ip-restriction, jwt, key-auth, mch-auth, openid-connect, opentelemetry, prometheus, proxy-cache, "
        + "rate-limiting, request-size-limiting, request-termination, request-transformer, response-transformer, zipkin",
        problem(KongFiles.thirdServicePlugin("rate-limit", "")));
  }

  @Test
  @DisplayName("refuses other format versions, unknown route fields, bad upstreams and dangling references")
  void otherProblems() {
    for (KongFiles.Problem bad : KongFiles.FILE_PROBLEMS) {
      assertEquals(bad.named(), problem(bad.file()));
    }
    assertEquals("services[0].url: expected an http://, https:// or eventbus:// upstream but got ftp",
        problem(KongFiles.FTP_SERVICE));
  }

  private static String problem(String yaml) {
    return assertThrows(DeclarativeException.class, () -> GatewayFile.parse(yaml, PRODUCT)).getMessage();
  }
}
