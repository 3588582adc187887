package com.medcontracthub.launcher.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.medcontracthub.codecs.ConfigKeys;
import com.medcontracthub.launcher.run.ServiceCatalog;
import com.medcontracthub.platform.config.ConfigLoader;
import com.medcontracthub.platform.config.MchConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each overlay's Deployments against what the launcher serves: one per service the catalog knows, started with
 * {@code --services} of it in the prod profile, with the overlay's own configuration file, and with probes and ports
 * on the ports that configuration gives the JVM.
 */
@ExtendWith(VertxExtension.class)
class KubernetesManifestsTest {

  private static final Path K8S = Path.of("..", "k8s");
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
  /** What the Secrets hold, for the configuration to load as a pod's would. */
  private static final Map<String, String> SECRETS = Map.of(
      "MCH_POSTGRES_URI", "postgresql://mch:secret@postgres:5432/mch",
      "MCH_REDIS_URI", "redis://redis:6379",
      "MCH_MAIL_PASSWORD", "secret",
      "MCH_ANALYTICS_CLICKHOUSE_PASSWORD", "secret",
      "MCH_AI_WEAVIATE_API_KEY", "secret");

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", "mvp"})
  @DisplayName("every service has one Deployment that runs it, with the probes and ports its configuration gives")
  void deploymentsMatchTheLauncher(String overlay, Vertx vertx, VertxTestContext ctx) throws Exception {
    List<Map<String, Object>> objects = Kustomize.render(K8S.resolve("overlays").resolve(overlay));
    List<Map<String, Object>> deployments = objects.stream().filter(o -> "Deployment".equals(o.get("kind"))).toList();
    Map<String, Map<String, Object>> byService = new HashMap<>();
    for (Map<String, Object> deployment : deployments) {
      List<String> args = strings(container(deployment).get("args"));
      String services = args.stream().filter(a -> a.startsWith("--services=")).findFirst().orElseThrow()
          .substring("--services=".length());
      assertEquals(List.of("up", "--profile=prod"), args.subList(0, 2), name(deployment) + " args");
      assertEquals(null, byService.put(services, deployment), "two Deployments run " + services);
    }
    assertEquals(ServiceCatalog.names(), new TreeSet<>(byService.keySet()), overlay + ": services with a Deployment");

    List<Future<?>> checked = new ArrayList<>();
    byService.forEach((service, deployment) -> checked.add(configurationOf(vertx, overlay, deployment)
        .onSuccess(config -> ctx.verify(() -> checkPod(service, deployment, config)))));
    Future.all(checked).onComplete(ctx.succeedingThenComplete());
  }

  /** The configuration the pod's JVM loads: the prod profile, the overlay's file, the pod's environment. */
  private static Future<MchConfig> configurationOf(Vertx vertx, String overlay, Map<String, Object> deployment) {
    Map<String, String> env = new HashMap<>();
    for (Map<String, Object> variable : maps(container(deployment).get("env"))) {
      String name = variable.get("name").toString();
      Object from = variable.containsKey("valueFrom") ? map(variable, "valueFrom").keySet().iterator().next() : null;
      String value = from == null ? variable.get("value").toString()
          : from.equals("secretKeyRef") ? SECRETS.get(name)
          : from.equals("fieldRef") && map(map(variable, "valueFrom"), "fieldRef").get("fieldPath").equals("status.podIP")
              ? "10.0.0.7" : null;
      assertTrue(value != null, name + " comes from somewhere this test does not know: " + variable);
      env.put(name, value);
    }
    Set<String> known = ConfigKeys.ALL.stream().map(ConfigKeys::envName).collect(Collectors.toSet());
    env.keySet().forEach(name -> assertTrue(known.contains(name), name + " names no configuration key"));
    return ConfigLoader.load(vertx, "prod", Optional.of(K8S.resolve("overlays").resolve(overlay).resolve("mch.yaml")),
        env, Map.of());
  }

  private static void checkPod(String service, Map<String, Object> deployment, MchConfig config) {
    Map<String, Object> container = container(deployment);
    Map<String, Integer> ports = maps(container.get("ports")).stream()
        .collect(Collectors.toMap(p -> p.get("name").toString(), p -> (Integer) p.get("containerPort")));
    assertEquals(config.management().port(), ports.get("management"), service + " management port");
    assertEquals(config.cluster().port(), ports.get("hazelcast"), service + " Hazelcast port");
    assertEquals(config.cluster().busPort(), ports.get("eventbus"), service + " event-bus port");
    assertEquals("0.0.0.0", config.management().host(), service + ": the kubelet reaches the management port");
    assertTrue(config.cluster().kubernetes(), service + ": members found through the Kubernetes API");
    assertEquals("10.0.0.7", config.cluster().publicHost(), service + ": reached at its pod's address");
    if (service.equals("gateway")) {
      assertEquals(config.gateway().port(), ports.get("http"), "gateway HTTP port");
      Path apiFile = config.gateway().apiFile().orElseThrow();
      assertEquals(mountPath(deployment, "gateway-api"), apiFile.getParent().toString(), "the API file's directory");
    }
    if (service.equals("realtime")) {
      assertEquals(config.realtime().tcpPort(), ports.get("tcp-bridge"), "TCP bridge port");
    }
    assertEquals("/health/live", probe(container, "startupProbe"), service + " startup probe");
    assertEquals("/health/live", probe(container, "livenessProbe"), service + " liveness probe");
    assertEquals("/health/ready", probe(container, "readinessProbe"), service + " readiness probe");
    String configFile = strings(container.get("args")).stream().filter(a -> a.startsWith("--config="))
        .findFirst().orElseThrow().substring("--config=".length());
    assertEquals(mountPath(deployment, "config"), Path.of(configFile).getParent().toString(), service + " --config");
    assertEquals(config.auth().keyDir().toString(), mountPath(deployment, "auth-keys"), service + " key directory");
    // every service's JVM may read or write an upload (the worker attaches reports to e-mails): the shared volume
    assertEquals(config.blobs().dir().toString(), mountPath(deployment, "blobs"), service + " uploads");
    assertEquals(config.dataDir().toString(), mountPath(deployment, "data"), service + " data directory (writable)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", "mvp"})
  @DisplayName("the gateway's API file reaches its pods unchanged, under a name that stays, so an edit is reloaded")
  void gatewayFileIsTheProducts(String overlay) throws Exception {
    Map<String, Object> configMap = Kustomize.render(K8S.resolve("overlays").resolve(overlay)).stream()
        .filter(o -> "ConfigMap".equals(o.get("kind")) && name(o).equals("mch-gateway-api")).findFirst().orElseThrow();
    assertEquals(Files.readString(Path.of("..", "conf", "gateway.yaml")), map(configMap, "data").get("gateway.yaml"));
  }

  /** Kubernetes' own object model (fabric8's, generated from its OpenAPI), for the kinds the overlays render. */
  private static final Map<String, Class<?>> MODEL = Map.ofEntries(
      Map.entry("v1/Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
      Map.entry("v1/ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
      Map.entry("v1/Service", io.fabric8.kubernetes.api.model.Service.class),
      Map.entry("v1/ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class),
      Map.entry("v1/PersistentVolumeClaim", io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class),
      Map.entry("apps/v1/Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
      Map.entry("apps/v1/StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
      Map.entry("rbac.authorization.k8s.io/v1/Role", io.fabric8.kubernetes.api.model.rbac.Role.class),
      Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", io.fabric8.kubernetes.api.model.rbac.RoleBinding.class),
      Map.entry("policy/v1/PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
      Map.entry("autoscaling/v2/HorizontalPodAutoscaler",
          io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
      Map.entry("networking.k8s.io/v1/NetworkPolicy", io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class));

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod", "mvp"})
  @DisplayName("every object names only fields Kubernetes knows (a misspelt field would be dropped by the API server)")
  void noUnknownFields(String overlay) throws Exception {
    List<String> unknown = new ArrayList<>();
    for (Map<String, Object> object : Kustomize.render(K8S.resolve("overlays").resolve(overlay))) {
      Class<?> type = MODEL.get(object.get("apiVersion") + "/" + object.get("kind"));
      assertTrue(type != null, "no model for " + object.get("apiVersion") + " " + object.get("kind"));
      UnknownFields.collect(JSON.convertValue(object, type), object.get("kind") + " " + name(object), unknown);
    }
    assertEquals(List.of(), unknown);
  }

  @org.junit.jupiter.api.Test
  @DisplayName("a misspelt field, however deep, is found")
  void misspeltFieldFound() {
    Map<String, Object> deployment = Map.of("apiVersion", "apps/v1", "kind", "Deployment", "metadata",
        Map.of("name", "x"), "spec", Map.of("template", Map.of("spec", Map.of("containers", List.of(Map.of(
            "name", "c", "securityContext", Map.of("readOnlyRootFileSystem", true)))))));
    List<String> unknown = new ArrayList<>();
    UnknownFields.collect(JSON.convertValue(deployment, io.fabric8.kubernetes.api.model.apps.Deployment.class),
        "Deployment x", unknown);
    assertEquals(List.of("Deployment x: spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem"),
        unknown);
  }

  private static String probe(Map<String, Object> container, String kind) {
    Map<String, Object> get = map(map(container, kind), "httpGet");
    assertEquals("management", get.get("port"), kind + " port");
    return get.get("path").toString();
  }

  private static String mountPath(Map<String, Object> deployment, String volume) {
    return maps(container(deployment).get("volumeMounts")).stream().filter(m -> volume.equals(m.get("name")))
        .map(m -> m.get("mountPath").toString()).findFirst().orElseThrow(() -> new AssertionError(
            name(deployment) + " mounts no volume " + volume));
  }

  private static Map<String, Object> container(Map<String, Object> deployment) {
    List<Map<String, Object>> containers = maps(map(map(map(deployment, "spec"), "template"), "spec").get("containers"));
    assertEquals(1, containers.size(), name(deployment) + " containers");
    return containers.get(0);
  }

  private static String name(Map<String, Object> object) {
    return map(object, "metadata").get("name").toString();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(Object list) {
    return list == null ? List.of() : (List<Map<String, Object>>) list;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object list) {
    return (List<String>) list;
  }
}
