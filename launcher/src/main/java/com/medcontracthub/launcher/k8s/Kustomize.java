package com.medcontracthub.launcher.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Renders a kustomize directory (an overlay of {@code k8s/}) with {@code kubectl kustomize}, which works offline. */
public final class Kustomize {

  private static final long TIMEOUT_S = 60;

  private Kustomize() {
  }

  /** The objects {@code dir} renders to, in kustomize's order. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> render(Path dir) throws IOException, InterruptedException {
    if (!Files.isDirectory(dir)) {
      throw new K8sException(dir + ": no such directory (an overlay, e.g. k8s/overlays/mvp)");
    }
    Path out = Files.createTempFile("mch-kustomize", ".yaml");
    Path err = Files.createTempFile("mch-kustomize", ".err");
    try {
      Process kubectl;
      try {
        kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      } catch (IOException e) {
        throw new K8sException("kubectl is not on the PATH: it renders the overlay (kubectl 1.27 or later, with "
            + "kustomize v5 inside; https://kubernetes.io/docs/tasks/tools/)");
      }
      if (!kubectl.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
        kubectl.destroyForcibly();
        throw new K8sException("kubectl kustomize " + dir + " did not finish in " + TIMEOUT_S + " s");
      }
      if (kubectl.exitValue() != 0) {
        throw new K8sException("kubectl kustomize " + dir + ": " + Files.readString(err, StandardCharsets.UTF_8).strip());
      }
      List<Map<String, Object>> objects = new ArrayList<>();
      for (Object document : new Yaml(new LoaderOptions()).loadAll(Files.readString(out, StandardCharsets.UTF_8))) {
        if (document != null) {
          objects.add((Map<String, Object>) document);
        }
      }
      return objects;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
