package com.medcontracthub.launcher.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CostEstimateTest {

  private static final Path PRICES = Path.of("..", PriceTable.DEFAULT);

  @Test
  @DisplayName("the MVP overlay runs on one e2-standard-8 node and costs less than $800 a month")
  void mvpUnderBudget() throws Exception {
    PriceTable prices = PriceTable.read(PRICES);
    Footprint footprint = Footprint.of(Kustomize.render(Path.of("..", "k8s", "overlays", "mvp")));
    CostEstimate estimate = CostEstimate.of(footprint, prices);

    assertEquals(List.of("e2-standard-8"), estimate.nodes().stream().map(CostEstimate.NodePool::type).toList());
    assertEquals(1, estimate.nodes().get(0).count());
    assertEquals(13, estimate.nodes().get(0).pods(), "nine services and PostgreSQL, Kafka, Redis, ClickHouse");
    // the node line, recomputed here from the table: 730 hours of an e2-standard-8
    assertEquals(new BigDecimal("195.66"), line(estimate, "nodes").monthly());
    assertEquals(new BigDecimal("73.00"), line(estimate, "cluster management fee").monthly());
    // 730 hours of the node ($0.268024), the cluster ($0.10) and a load balancer ($0.025); a 100 GiB boot disk and
    // the volumes (Kafka 20, PostgreSQL 20, Redis 5, ClickHouse 10, the AI index 10, uploads 50 GiB) at $0.10 a GiB-month
    assertEquals(new BigDecimal("308.41"), estimate.total());
    assertTrue(estimate.total().compareTo(new BigDecimal("800")) < 0, "MVP a month: " + estimate.total());
  }

  @Test
  @DisplayName("pods whose requests outgrow a node take a second one, as does a rolling update's extra pod, and a pod "
      + "larger than a node is refused")
  void nodesFollowRequests() throws Exception {
    PriceTable prices = PriceTable.read(PRICES);
    // an e2-standard-8 offers pods 7.11 vCPU and 27.3 GiB once GKE's reservation and its own pods are taken
    Footprint fits = new Footprint(List.of(pods("a", 7, "1", "3Gi", false, false)), List.of(), 0);
    assertEquals(1, CostEstimate.of(fits, prices).nodes().get(0).count());
    Footprint outgrows = new Footprint(List.of(pods("a", 8, "1", "3Gi", false, false)), List.of(), 0);
    assertEquals(2, CostEstimate.of(outgrows, prices).nodes().get(0).count());
    Footprint surging = new Footprint(List.of(pods("a", 7, "1", "3Gi", false, true)), List.of(), 0);
    assertEquals(2, CostEstimate.of(surging, prices).nodes().get(0).count(), "the eighth pod of an update");
    Footprint apart = new Footprint(List.of(pods("a", 3, "100m", "256Mi", true, false)), List.of(), 0);
    assertEquals(3, CostEstimate.of(apart, prices).nodes().get(0).count(), "one node per replica kept apart");
    Footprint tooLarge = new Footprint(List.of(pods("big", 1, "8", "1Gi", false, false)), List.of(), 0);
    K8sException refused = assertThrows(K8sException.class, () -> CostEstimate.of(tooLarge, prices));
    assertEquals("big asks for 8.00 vCPU and 1.0 GiB a pod, more than a e2-standard-8 node offers pods (7.11 vCPU, "
        + "27.3 GiB)", refused.getMessage());
  }

  @Test
  @DisplayName("the scheduler's view of a pod: its containers added up, or its largest init container; replicas at "
      + "least the autoscaler's minimum")
  void footprintOfAWorkload() {
    Map<String, Object> deployment = Map.of("kind", "Deployment", "metadata", Map.of("name", "web"),
        "spec", Map.of("replicas", 1, "template", Map.of("spec", Map.of(
            "initContainers", List.of(Map.of("name", "init", "resources", Map.of("requests",
                Map.of("cpu", "2", "memory", "64Mi")))),
            "containers", List.of(
                Map.of("name", "a", "resources", Map.of("requests", Map.of("cpu", "250m", "memory", "512Mi"))),
                Map.of("name", "b", "resources", Map.of("requests", Map.of("cpu", "500m", "memory", "1Gi"))))))));
    Map<String, Object> hpa = Map.of("kind", "HorizontalPodAutoscaler", "metadata", Map.of("name", "web"),
        "spec", Map.of("minReplicas", 3, "scaleTargetRef", Map.of("kind", "Deployment", "name", "web")));
    Footprint.Pods pods = Footprint.of(List.of(deployment, hpa)).pods().get(0);
    assertEquals(3, pods.replicas());
    assertEquals(0, new BigDecimal("2").compareTo(pods.cpu()), "the init container's 2 cores");
    assertEquals(0, Quantities.parse("1536Mi").compareTo(pods.memory()), "the containers' 1.5 GiB");
  }

  @Test
  @DisplayName("a container without a request, a bad quantity and a broken price table are refused by name")
  void refusals() {
    Map<String, Object> unrequested = Map.of("kind", "StatefulSet", "metadata", Map.of("name", "db"),
        "spec", Map.of("template", Map.of("spec", Map.of("containers", List.of(Map.of("name", "pg"))))));
    assertEquals("db/pg asks for no cpu: set resources.requests.cpu so it can be priced (and scheduled)",
        assertThrows(K8sException.class, () -> Footprint.of(List.of(unrequested))).getMessage());
    assertEquals("'12 cores' is not a Kubernetes quantity (e.g. 250m, 2, 640Mi, 1Gi)",
        assertThrows(K8sException.class, () -> Quantities.parse("12 cores")).getMessage());
    assertEquals("t.yaml: node-types.x.per-hour is missing", assertThrows(K8sException.class,
        () -> PriceTable.parse("cloud: c\nas-of: d\nhours-per-month: 730\ncluster-fee-per-hour: 0.1\n"
            + "default-node-type: x\nnode-types: {x: {allocatable-cpu: 1, allocatable-memory: 1Gi}}\n", "t.yaml"))
        .getMessage());
  }

  private static Footprint.Pods pods(String name, int replicas, String cpu, String memory, boolean apart,
      boolean surges) {
    return new Footprint.Pods(name, replicas, Quantities.parse(cpu), Quantities.parse(memory), null, apart, surges);
  }

  private static CostEstimate.Line line(CostEstimate estimate, String item) {
    return estimate.lines().stream().filter(l -> l.item().equals(item)).findFirst().orElseThrow();
  }
}
