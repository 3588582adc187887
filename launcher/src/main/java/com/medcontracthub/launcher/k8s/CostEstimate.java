package com.medcontracthub.launcher.k8s;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a rendered overlay costs a month at a price table's list prices: the nodes its pods' requests need (per machine
 * type, after what the cloud reserves on each node and its own pods ask for), their boot disks, the cluster's
 * fee, the volumes and the load balancers.
 */
public record CostEstimate(List<NodePool> nodes, List<Line> lines, BigDecimal total) {

  /** Nodes of one machine type and the pods they hold. */
  public record NodePool(String type, int count, int pods, BigDecimal cpu, BigDecimal memory) {
  }

  /** One item of the bill. */
  public record Line(String item, String detail, BigDecimal monthly) {
  }

  public static CostEstimate of(Footprint footprint, PriceTable prices) {
    BigDecimal hours = prices.hoursPerMonth();
    List<NodePool> pools = pools(footprint, prices);
    List<Line> lines = new ArrayList<>();
    int nodeCount = 0;
    for (NodePool pool : pools) {
      PriceTable.NodeType type = prices.nodeType(pool.type());
      nodeCount += pool.count();
      lines.add(new Line("nodes", pool.count() + " × " + pool.type() + " for " + pool.pods() + " pods asking "
          + cores(pool.cpu()) + " vCPU, " + gib(pool.memory()) + " GiB",
          type.perHour().multiply(hours).multiply(BigDecimal.valueOf(pool.count()))));
    }
    BigDecimal bootGib = Quantities.gib(prices.bootDiskBytes());
    lines.add(new Line("node boot disks", nodeCount + " × " + bootGib.stripTrailingZeros().toPlainString() + " GiB "
        + prices.bootDiskClass(), bootGib.multiply(prices.storagePrice(prices.bootDiskClass()))
        .multiply(BigDecimal.valueOf(nodeCount))));
    lines.add(new Line("cluster management fee", "1 cluster", prices.clusterFeePerHour().multiply(hours)));
    for (Footprint.Volume volume : footprint.volumes()) {
      BigDecimal size = Quantities.gib(volume.bytes());
      String storageClass = volume.storageClass() == null ? prices.defaultStorageClass() : volume.storageClass();
      lines.add(new Line("volume " + volume.name(), size.stripTrailingZeros().toPlainString() + " GiB " + storageClass,
          size.multiply(prices.storagePrice(storageClass))));
    }
    if (footprint.loadBalancers() > 0) {
      lines.add(new Line("load balancers", footprint.loadBalancers() + " forwarding rule(s)",
          prices.loadBalancerPerHour().multiply(hours).multiply(BigDecimal.valueOf(footprint.loadBalancers()))));
    }
    List<Line> rounded = lines.stream()
        .map(line -> new Line(line.item(), line.detail(), line.monthly().setScale(2, RoundingMode.HALF_UP))).toList();
    return new CostEstimate(pools, rounded, rounded.stream().map(Line::monthly).reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  /**
   * The nodes of each machine type: enough for the requests of its pods added up and a rolling update's extra pod (a
   * lower bound: a real scheduler packs less tightly), at least as many as the replicas of a workload kept one to a
   * node, and never a pod that fits on none.
   */
  private static List<NodePool> pools(Footprint footprint, PriceTable prices) {
    Map<String, List<Footprint.Pods>> byType = new TreeMap<>();
    for (Footprint.Pods pods : footprint.pods()) {
      byType.computeIfAbsent(prices.nodeType(pods.instanceType()).name(), t -> new ArrayList<>()).add(pods);
    }
    List<NodePool> pools = new ArrayList<>();
    byType.forEach((typeName, groups) -> {
      PriceTable.NodeType type = prices.nodeType(typeName);
      BigDecimal usableCpu = type.allocatableCpu().subtract(prices.systemCpu());
      BigDecimal usableMemory = type.allocatableMemory().subtract(prices.systemMemory());
      BigDecimal cpu = BigDecimal.ZERO;
      BigDecimal memory = BigDecimal.ZERO;
      BigDecimal surgeCpu = BigDecimal.ZERO;
      BigDecimal surgeMemory = BigDecimal.ZERO;
      int count = 0;
      int apart = 1;
      for (Footprint.Pods pods : groups) {
        if (pods.cpu().compareTo(usableCpu) > 0 || pods.memory().compareTo(usableMemory) > 0) {
          throw new K8sException(pods.workload() + " asks for " + cores(pods.cpu()) + " vCPU and " + gib(pods.memory())
              + " GiB a pod, more than a " + typeName + " node offers pods (" + cores(usableCpu) + " vCPU, "
              + gib(usableMemory) + " GiB)");
        }
        BigDecimal replicas = BigDecimal.valueOf(pods.replicas());
        cpu = cpu.add(pods.cpu().multiply(replicas));
        memory = memory.add(pods.memory().multiply(replicas));
        count += pods.replicas();
        apart = pods.onePerNode() ? Math.max(apart, pods.replicas()) : apart;
        if (pods.surges()) {
          surgeCpu = surgeCpu.max(pods.cpu());
          surgeMemory = surgeMemory.max(pods.memory());
        }
      }
      // room for a rolling update's extra pod, the largest one, or the update would wait for a node forever
      cpu = cpu.add(surgeCpu);
      memory = memory.add(surgeMemory);
      int nodes = Math.max(apart, Math.max(cpu.divide(usableCpu, 0, RoundingMode.CEILING).intValue(),
          memory.divide(usableMemory, 0, RoundingMode.CEILING).intValue()));
      pools.add(new NodePool(typeName, nodes, count, cpu, memory));
    });
    return pools;
  }

  private static String cores(BigDecimal cpu) {
    return cpu.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static String gib(BigDecimal bytes) {
    return Quantities.gib(bytes).setScale(1, RoundingMode.HALF_UP).toPlainString();
  }
}
