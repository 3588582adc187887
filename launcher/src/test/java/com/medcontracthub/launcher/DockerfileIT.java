package com.medcontracthub.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What can be checked of the image without a container engine (none runs on these machines): the files it copies exist
 * after the build and reach the build context, it runs as the user the pods require, and its entrypoint, with the
 * jar where the image puts it, starts the jar this build made.
 */
class DockerfileIT {

  private static final Path ROOT = Path.of("..");

  @Test
  @DisplayName("the image copies the jar the build made, runs as the pods' user, and its entrypoint starts that jar")
  void imageRunsTheBuiltJar() throws Exception {
    List<String> instructions = instructions(Files.readString(ROOT.resolve("Dockerfile")));
    List<String[]> copies = instructions.stream().filter(i -> i.startsWith("COPY ")).map(i -> i.split("\\s+")).toList();
    assertEquals(1, copies.size(), "the image copies one thing: the launcher's jar");
    Path source = ROOT.resolve(copies.get(0)[1]);
    String target = copies.get(0)[2];
    assertEquals(Path.of(System.getProperty("mch.jar")).toRealPath(), source.toRealPath(), "what the image copies");
    List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore"));
    assertTrue(ignored.contains("*") && ignored.contains("!" + copies.get(0)[1]),
        ".dockerignore keeps everything but the jar out of the build context");

    Map<String, Object> pod = podSecurity();
    assertEquals("USER " + pod.get("runAsUser") + ":" + pod.get("runAsGroup"), instruction(instructions, "USER "));

    List<String> entrypoint = json(instruction(instructions, "ENTRYPOINT "));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    entrypoint.subList(1, entrypoint.size()).forEach(arg -> command.add(arg.equals(target) ? source.toString()
        : arg.replace("/tmp", System.getProperty("java.io.tmpdir"))));
    assertTrue(entrypoint.contains(target), "the entrypoint runs the copied jar");

    command.add("version");
    String version = run(command);
    assertTrue(version.startsWith("mch " + System.getProperty("mch.version") + "\n"), version);

    command.set(command.size() - 1, json(instruction(instructions, "CMD ")).get(0));
    assertTrue(run(command).startsWith("Usage: mch [-hV] [COMMAND]"), "the image's default command is mch --help");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> podSecurity() throws IOException {
    Map<String, Object> patch = new Yaml().load(Files.readString(ROOT.resolve("k8s/base/service-pod.yaml")));
    Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) patch.get("spec")).get("template");
    return (Map<String, Object>) ((Map<String, Object>) template.get("spec")).get("securityContext");
  }

  /** The Dockerfile's instructions, continuation lines joined, comments and blank lines dropped. */
  private static List<String> instructions(String dockerfile) {
    List<String> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : dockerfile.split("\n")) {
      if (line.isBlank() || line.stripLeading().startsWith("#")) {
        continue;
      }
      current.append(line.strip());
      if (line.endsWith("\\")) {
        current.setLength(current.length() - 1);
      } else {
        instructions.add(current.toString());
        current.setLength(0);
      }
    }
    return instructions;
  }

  private static String instruction(List<String> instructions, String prefix) {
    List<String> found = instructions.stream().filter(i -> i.startsWith(prefix)).toList();
    assertEquals(1, found.size(), prefix.strip() + " instructions");
    return found.get(0);
  }

  /** The exec form of ENTRYPOINT and CMD is a JSON array. */
  private static List<String> json(String instruction) {
    return new JsonArray(instruction.substring(instruction.indexOf(' ') + 1)).stream().map(Object::toString).toList();
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM exits");
    assertEquals(0, process.exitValue(), new String(output, StandardCharsets.UTF_8));
    return new String(output, StandardCharsets.UTF_8);
  }
}
