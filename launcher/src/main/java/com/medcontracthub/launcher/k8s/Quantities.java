package com.medcontracthub.launcher.k8s;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ({@code 250m}, {@code 2}, {@code 640Mi}, {@code 1Ti}, {@code 1G}) as numbers. */
public final class Quantities {

  private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)([a-zA-Z]*)");
  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("", BigDecimal.ONE), Map.entry("m", new BigDecimal("0.001")),
      Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("M", BigDecimal.TEN.pow(6)),
      Map.entry("G", BigDecimal.TEN.pow(9)), Map.entry("T", BigDecimal.TEN.pow(12)),
      Map.entry("Ki", BigDecimal.valueOf(2).pow(10)), Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
      Map.entry("Gi", BigDecimal.valueOf(2).pow(30)), Map.entry("Ti", BigDecimal.valueOf(2).pow(40)));
  private static final BigDecimal GIB = BigDecimal.valueOf(2).pow(30);

  private Quantities() {
  }

  /** The quantity's value in its base unit: cores for CPU, bytes for memory and storage. */
  public static BigDecimal parse(Object quantity) {
    Matcher m = QUANTITY.matcher(String.valueOf(quantity).strip());
    if (!m.matches() || !SUFFIXES.containsKey(m.group(2))) {
      throw new K8sException("'" + quantity + "' is not a Kubernetes quantity (e.g. 250m, 2, 640Mi, 1Gi)");
    }
    return new BigDecimal(m.group(1)).multiply(SUFFIXES.get(m.group(2)));
  }

  /** Bytes in GiB. */
  public static BigDecimal gib(BigDecimal bytes) {
    return bytes.divide(GIB, 6, RoundingMode.HALF_UP);
  }
}
