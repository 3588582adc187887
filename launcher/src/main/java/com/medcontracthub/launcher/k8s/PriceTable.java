package com.medcontracthub.launcher.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** A public cloud's list prices, as of a date, in the shape of {@code conf/prices/gke-us-central1.yaml}. */
public record PriceTable(String cloud, String asOf, BigDecimal hoursPerMonth, BigDecimal clusterFeePerHour,
    String defaultNodeType, Map<String, NodeType> nodeTypes, BigDecimal systemCpu, BigDecimal systemMemory,
    BigDecimal bootDiskBytes, String bootDiskClass, String defaultStorageClass, Map<String, BigDecimal> storageClasses,
    BigDecimal loadBalancerPerHour, String notCounted) {

  /** The table packed in the jar, read from {@code conf/} on disk when it is there. */
  public static final String DEFAULT = "conf/prices/gke-us-central1.yaml";

  /** A machine type: its price and what of it pods may ask for. */
  public record NodeType(String name, BigDecimal perHour, BigDecimal allocatableCpu, BigDecimal allocatableMemory) {
  }

  /** Reads {@code file}; the default table from the jar when {@code file} is the default and not on disk. */
  public static PriceTable read(Path file) throws IOException {
    if (Files.exists(file)) {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }
    if (file.equals(Path.of(DEFAULT))) {
      try (InputStream packed = PriceTable.class.getClassLoader().getResourceAsStream(DEFAULT)) {
        if (packed != null) {
          return parse(new String(packed.readAllBytes(), StandardCharsets.UTF_8), DEFAULT + " (in the jar)");
        }
      }
    }
    throw new K8sException(file + ": no such price table");
  }

  @SuppressWarnings("unchecked")
  static PriceTable parse(String yaml, String source) {
    Object root = new Yaml(new LoaderOptions()).load(yaml);
    if (!(root instanceof Map<?, ?>)) {
      throw new K8sException(source + ": not a price table (a YAML mapping)");
    }
    Reader r = new Reader((Map<String, Object>) root, source, "");
    Map<String, NodeType> nodeTypes = new TreeMap<>();
    r.section("node-types").entries().forEach((name, value) -> {
      Reader type = r.section("node-types").section(name);
      nodeTypes.put(name, new NodeType(name, type.number("per-hour"), type.quantity("allocatable-cpu"),
          type.quantity("allocatable-memory")));
    });
    Map<String, BigDecimal> storageClasses = new TreeMap<>();
    r.section("storage-classes").entries().keySet()
        .forEach(name -> storageClasses.put(name, r.section("storage-classes").number(name)));
    PriceTable table = new PriceTable(r.text("cloud"), r.text("as-of"), r.number("hours-per-month"),
        r.number("cluster-fee-per-hour"), r.text("default-node-type"), nodeTypes,
        r.section("node-system-pods").quantity("cpu"), r.section("node-system-pods").quantity("memory"),
        r.section("node-boot-disk").quantity("size"), r.section("node-boot-disk").text("storage-class"),
        r.text("default-storage-class"), storageClasses, r.number("load-balancer-per-hour"), r.text("not-counted"));
    table.nodeType(table.defaultNodeType());
    table.storagePrice(table.bootDiskClass());
    table.storagePrice(table.defaultStorageClass());
    return table;
  }

  public NodeType nodeType(String name) {
    NodeType type = nodeTypes.get(name == null ? defaultNodeType : name);
    if (type == null) {
      throw new K8sException("no price for node type " + name + " in the price table (it has "
          + String.join(", ", nodeTypes.keySet()) + ")");
    }
    return type;
  }

  /** Per GiB-month; a null class is the cluster's default. */
  public BigDecimal storagePrice(String storageClass) {
    BigDecimal price = storageClasses.get(storageClass == null ? defaultStorageClass : storageClass);
    if (price == null) {
      throw new K8sException("no price for storage class " + storageClass + " in the price table (it has "
          + String.join(", ", storageClasses.keySet()) + ")");
    }
    return price;
  }

  /** A mapping of the table, naming each key by its path in messages. */
  private record Reader(Map<String, Object> map, String source, String path) {

    @SuppressWarnings("unchecked")
    Reader section(String key) {
      if (!(value(key) instanceof Map<?, ?> m)) {
        throw invalid(key, "a mapping");
      }
      return new Reader((Map<String, Object>) m, source, path + key + ".");
    }

    Map<String, Object> entries() {
      return map;
    }

    String text(String key) {
      return value(key).toString();
    }

    BigDecimal number(String key) {
      try {
        return new BigDecimal(value(key).toString());
      } catch (NumberFormatException e) {
        throw invalid(key, "a number");
      }
    }

    BigDecimal quantity(String key) {
      try {
        return Quantities.parse(value(key));
      } catch (K8sException e) {
        throw invalid(key, "a Kubernetes quantity (e.g. 300m, 512Mi)");
      }
    }

    private Object value(String key) {
      Object value = map.get(key);
      if (value == null) {
        throw new K8sException(source + ": " + path + key + " is missing");
      }
      return value;
    }

    private K8sException invalid(String key, String expected) {
      return new K8sException(source + ": " + path + key + " is " + map.get(key) + ", expected " + expected);
    }
  }
}
