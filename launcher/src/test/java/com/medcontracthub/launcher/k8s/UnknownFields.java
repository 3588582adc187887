package com.medcontracthub.launcher.k8s;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

/**
 * The fields of a Kubernetes object that its model does not know: fabric8's generated classes keep what they cannot
 * map in {@code additionalProperties}, which a strict API server refuses and a lenient one drops.
 */
final class UnknownFields {

  private UnknownFields() {
  }

  /** Adds {@code where: path} for every unknown field in {@code model} and below it. */
  static void collect(Object model, String where, List<String> found) {
    walk(model, "", where, found);
  }

  private static void walk(Object value, String path, String where, List<String> found) {
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", where, found);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> walk(item, path + "." + key, where, found));
      return;
    }
    if (value == null || !value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
        continue;
      }
      Object property = invoke(getter, value);
      if (getter.getName().equals("getAdditionalProperties")) {
        ((Map<?, ?>) property).keySet().forEach(key -> found.add(where + ": " + (path.isEmpty() ? "" : path.substring(1)
            + ".") + key));
      } else {
        String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
        walk(property, path + "." + name, where, found);
      }
    }
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(getter + ": " + e.getMessage(), e);
    }
  }
}
