package com.medcontracthub.launcher.k8s;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a rendered overlay runs and keeps, as a cloud bills it: its pods (the requests of one, times the replicas it
 * runs at least: its own or its autoscaler's minimum, whichever is more), its volumes and its load balancers.
 */
public record Footprint(List<Pods> pods, List<Volume> volumes, int loadBalancers) {

  /** The node label a pod names its machine type with. */
  public static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";

  /**
   * The pods of one workload: each asks for {@code cpu} cores and {@code memory} bytes; null instance type: any;
   * {@code onePerNode}: anti-affinity keeps them on different nodes; {@code surges}: a rolling update starts a new pod
   * before it stops an old one.
   */
  public record Pods(String workload, int replicas, BigDecimal cpu, BigDecimal memory, String instanceType,
      boolean onePerNode, boolean surges) {
  }

  /** A persistent volume; null storage class: the cluster's default. */
  public record Volume(String name, String storageClass, BigDecimal bytes) {
  }

  public static Footprint of(List<Map<String, Object>> objects) {
    Map<String, Integer> minimums = new HashMap<>();
    for (Map<String, Object> hpa : ofKind(objects, "HorizontalPodAutoscaler")) {
      Map<String, Object> spec = map(hpa, "spec");
      Map<String, Object> target = map(spec, "scaleTargetRef");
      minimums.merge(target.get("kind") + "/" + target.get("name"), number(spec.getOrDefault("minReplicas", 1)),
          Math::max);
    }
    List<Pods> pods = new ArrayList<>();
    List<Volume> volumes = new ArrayList<>();
    for (Map<String, Object> workload : objects) {
      String kind = String.valueOf(workload.get("kind"));
      if (!kind.equals("Deployment") && !kind.equals("StatefulSet")) {
        continue;
      }
      String name = name(workload);
      Map<String, Object> spec = map(workload, "spec");
      int replicas = Math.max(number(spec.getOrDefault("replicas", 1)), minimums.getOrDefault(kind + "/" + name, 0));
      Map<String, Object> pod = map(map(spec, "template"), "spec");
      Object selector = pod.get("nodeSelector") instanceof Map<?, ?> m ? m.get(INSTANCE_TYPE) : null;
      pods.add(new Pods(kind + " " + name, replicas, requests(pod, "cpu", name), requests(pod, "memory", name),
          selector == null ? null : selector.toString(), apartByNode(pod), surges(kind, spec)));
      for (Map<String, Object> claim : list(spec, "volumeClaimTemplates")) {
        for (int i = 0; i < replicas; i++) {
          volumes.add(volume(name(claim) + "-" + name + "-" + i, claim));
        }
      }
    }
    for (Map<String, Object> claim : ofKind(objects, "PersistentVolumeClaim")) {
      volumes.add(volume(name(claim), claim));
    }
    int loadBalancers = (int) ofKind(objects, "Service").stream()
        .filter(service -> "LoadBalancer".equals(map(service, "spec").get("type"))).count();
    return new Footprint(pods, volumes, loadBalancers);
  }

  /**
   * What the scheduler counts a pod as asking for: its containers' requests added up, or its largest init
   * container's, whichever is more. A container without a request is refused: it would be priced as free.
   */
  private static BigDecimal requests(Map<String, Object> pod, String resource, String workload) {
    BigDecimal containers = BigDecimal.ZERO;
    for (Map<String, Object> container : list(pod, "containers")) {
      containers = containers.add(request(container, resource, workload));
    }
    BigDecimal init = BigDecimal.ZERO;
    for (Map<String, Object> container : list(pod, "initContainers")) {
      Object asked = requested(container, resource);
      init = asked == null ? init : init.max(Quantities.parse(asked));
    }
    return containers.max(init);
  }

  private static BigDecimal request(Map<String, Object> container, String resource, String workload) {
    Object asked = requested(container, resource);
    if (asked == null) {
      throw new K8sException(workload + "/" + container.get("name") + " asks for no " + resource
          + ": set resources.requests." + resource + " so it can be priced (and scheduled)");
    }
    return Quantities.parse(asked);
  }

  private static Object requested(Map<String, Object> container, String resource) {
    return container.get("resources") instanceof Map<?, ?> resources && resources.get("requests") instanceof Map<?, ?> r
        ? r.get(resource) : null;
  }

  /** A Deployment rolling with a surge (Kubernetes' default is 25 %); a StatefulSet replaces its pods in place. */
  private static boolean surges(String kind, Map<String, Object> spec) {
    Map<String, Object> strategy = map(spec, "strategy");
    Object surge = map(strategy, "rollingUpdate").get("maxSurge");
    return kind.equals("Deployment") && !"Recreate".equals(strategy.get("type"))
        && !(surge != null && (surge.equals(0) || surge.equals("0%")));
  }

  /** Whether the pod's anti-affinity, required or preferred, keeps the workload's pods on different nodes. */
  private static boolean apartByNode(Map<String, Object> pod) {
    Map<String, Object> antiAffinity = map(map(pod, "affinity"), "podAntiAffinity");
    List<Map<String, Object>> terms = new ArrayList<>(list(antiAffinity, "requiredDuringSchedulingIgnoredDuringExecution"));
    list(antiAffinity, "preferredDuringSchedulingIgnoredDuringExecution").forEach(t -> terms.add(map(t, "podAffinityTerm")));
    return terms.stream().anyMatch(term -> "kubernetes.io/hostname".equals(term.get("topologyKey")));
  }

  private static Volume volume(String name, Map<String, Object> claim) {
    Map<String, Object> spec = map(claim, "spec");
    Object size = map(map(spec, "resources"), "requests").get("storage");
    if (size == null) {
      throw new K8sException("volume " + name + " asks for no storage");
    }
    Object storageClass = spec.get("storageClassName");
    return new Volume(name, storageClass == null ? null : storageClass.toString(), Quantities.parse(size));
  }

  private static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
  }

  private static String name(Map<String, Object> object) {
    return String.valueOf(map(object, "metadata").get("name"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> parent, String key) {
    return parent.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
    return parent.get(key) instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }

  private static int number(Object value) {
    return Objects.requireNonNull(value) instanceof Number n ? n.intValue() : Integer.parseInt(value.toString());
  }
}
