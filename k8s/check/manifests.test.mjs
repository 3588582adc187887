// What every overlay renders, checked offline: each object against the Kubernetes schemas (kubernetes-models),
// each pod against Pod Security "restricted" and the product's own rules, each namespace enforcing "restricted".
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";
import YAML from "yaml";

const k8s = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const OVERLAYS = ["dev", "prod", "mvp"];
const WORKLOADS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job"]);
// the volume types Pod Security "restricted" allows
const RESTRICTED_VOLUMES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim",
  "projected", "secret"];

function render(dir) {
  try {
    return execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    if (e.code === "ENOENT") {
      throw new Error("kubectl is not on the PATH: the overlays are rendered with `kubectl kustomize` (kubectl 1.27+, "
        + "kustomize v5 inside). Install kubectl (https://kubernetes.io/docs/tasks/tools/), or skip the tests with "
        + "-DskipTests.");
    }
    throw new Error(`kubectl kustomize ${dir} failed: ${e.stderr}`);
  }
}

const renders = new Map();

/** The overlay's objects, rendered once; each call gets its own copy. */
function objects(overlay) {
  if (!renders.has(overlay)) renders.set(overlay, render(path.join(k8s, "overlays", overlay)));
  return YAML.parseAllDocuments(renders.get(overlay)).map((doc) => doc.toJS());
}

const models = new Map();

/** Loads the model class of every kind the objects have (kubernetes-models: one module per apiVersion and kind). */
async function loadModels(rendered) {
  for (const { apiVersion, kind } of rendered) {
    const key = `${apiVersion}/${kind}`;
    if (!models.has(key)) {
      try {
        models.set(key, (await import(`kubernetes-models/${key}`))[kind]);
      } catch (e) {
        throw new Error(`no Kubernetes schema for ${apiVersion} ${kind}`);
      }
    }
  }
}

function modelOf(object) {
  return new (models.get(`${object.apiVersion}/${object.kind}`))(object);
}

function podSpec(workload) {
  return workload.spec.template.spec;
}

function containers(spec) {
  return [...(spec.initContainers ?? []), ...spec.containers];
}

/** What Pod Security "restricted" refuses, and the read-only root file system the product adds; [] when nothing. */
export function restrictedViolations(name, spec) {
  const found = [];
  const pod = spec.securityContext ?? {};
  for (const field of ["hostNetwork", "hostPID", "hostIPC"]) {
    if (spec[field]) found.push(`${name}: ${field}`);
  }
  for (const volume of spec.volumes ?? []) {
    const type = Object.keys(volume).find((key) => key !== "name");
    if (!RESTRICTED_VOLUMES.includes(type)) found.push(`${name}: volume ${volume.name} is a ${type}`);
  }
  for (const c of containers(spec)) {
    const sc = c.securityContext ?? {};
    const where = `${name}/${c.name}`;
    if (sc.privileged) found.push(`${where}: privileged`);
    if (sc.allowPrivilegeEscalation !== false) found.push(`${where}: allowPrivilegeEscalation is not false`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) found.push(`${where}: capabilities are not all dropped`);
    for (const added of sc.capabilities?.add ?? []) {
      if (added !== "NET_BIND_SERVICE") found.push(`${where}: adds capability ${added}`);
    }
    if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true) found.push(`${where}: runAsNonRoot is not true`);
    if ((sc.runAsUser ?? pod.runAsUser) === 0) found.push(`${where}: runs as user 0`);
    if ((sc.seccompProfile ?? pod.seccompProfile)?.type !== "RuntimeDefault") {
      found.push(`${where}: seccomp profile is not RuntimeDefault`);
    }
    if (sc.readOnlyRootFilesystem !== true) found.push(`${where}: root file system is writable`);
    for (const port of c.ports ?? []) {
      if (port.hostPort) found.push(`${where}: hostPort ${port.hostPort}`);
    }
  }
  return found;
}

for (const overlay of OVERLAYS) {
  test(`${overlay}: every object it renders is valid against the Kubernetes schemas`, async () => {
    const rendered = objects(overlay);
    assert.ok(rendered.length > 0);
    await loadModels(rendered);
    for (const object of rendered) {
      try {
        modelOf(object).validate();
      } catch (e) {
        assert.fail(`${overlay}: ${object.kind} ${object.metadata.name}: ${e.message}`);
      }
    }
  });

  test(`${overlay}: every pod keeps Pod Security "restricted" with a read-only root file system`, () => {
    const workloads = objects(overlay).filter((o) => WORKLOADS.has(o.kind));
    assert.ok(workloads.length >= 7, `${overlay} renders ${workloads.length} workloads`);
    assert.deepEqual(workloads.flatMap((w) => restrictedViolations(`${w.kind} ${w.metadata.name}`, podSpec(w))), []);
  });

  test(`${overlay}: its namespace enforces Pod Security "restricted" and holds everything else`, () => {
    const rendered = objects(overlay);
    const namespaces = rendered.filter((o) => o.kind === "Namespace");
    assert.equal(namespaces.length, 1);
    assert.equal(namespaces[0].metadata.labels["pod-security.kubernetes.io/enforce"], "restricted");
    for (const object of rendered.filter((o) => o.kind !== "Namespace")) {
      assert.equal(object.metadata.namespace, namespaces[0].metadata.name, `${object.kind} ${object.metadata.name}`);
    }
  });

  test(`${overlay}: every container asks for CPU and memory, is held to its memory, and runs a pinned image`, () => {
    for (const w of objects(overlay).filter((o) => WORKLOADS.has(o.kind))) {
      for (const c of containers(podSpec(w))) {
        if (podSpec(w).initContainers?.includes(c)) continue;
        const where = `${overlay}: ${w.metadata.name}/${c.name}`;
        assert.ok(c.resources?.requests?.cpu, `${where}: no CPU request`);
        assert.ok(c.resources?.requests?.memory, `${where}: no memory request`);
        assert.equal(c.resources?.limits?.memory, c.resources.requests.memory, `${where}: memory limit is not the request`);
        assert.match(c.image, /:[\w.-]+$/, `${where}: image without a tag`);
        assert.doesNotMatch(c.image, /:latest$/, `${where}: image tagged latest`);
      }
    }
  });

  test(`${overlay}: every Service, PodDisruptionBudget and autoscaler selects something that exists`, () => {
    const rendered = objects(overlay);
    const templates = rendered.filter((o) => WORKLOADS.has(o.kind)).map((w) => w.spec.template.metadata.labels);
    const matches = (selector) => templates.some((labels) => Object.entries(selector).every(([k, v]) => labels[k] === v));
    for (const service of rendered.filter((o) => o.kind === "Service")) {
      assert.ok(matches(service.spec.selector), `Service ${service.metadata.name} selects no pod`);
    }
    for (const pdb of rendered.filter((o) => o.kind === "PodDisruptionBudget")) {
      assert.ok(matches(pdb.spec.selector.matchLabels), `PodDisruptionBudget ${pdb.metadata.name} selects no pod`);
    }
    const deployments = new Set(rendered.filter((o) => o.kind === "Deployment").map((d) => d.metadata.name));
    for (const hpa of rendered.filter((o) => o.kind === "HorizontalPodAutoscaler")) {
      assert.ok(deployments.has(hpa.spec.scaleTargetRef.name), `HPA ${hpa.metadata.name} scales nothing`);
    }
  });
}

test("a pod that breaks the restricted rules is caught, rule by rule", () => {
  const spec = {
    hostNetwork: true,
    securityContext: { runAsUser: 0 },
    volumes: [{ name: "host", hostPath: { path: "/" } }],
    containers: [{ name: "app", securityContext: { privileged: true, capabilities: { add: ["SYS_ADMIN"] } },
      ports: [{ containerPort: 80, hostPort: 80 }] }],
  };
  assert.deepEqual(restrictedViolations("bad", spec), [
    "bad: hostNetwork",
    "bad: volume host is a hostPath",
    "bad/app: privileged",
    "bad/app: allowPrivilegeEscalation is not false",
    "bad/app: capabilities are not all dropped",
    "bad/app: adds capability SYS_ADMIN",
    "bad/app: runAsNonRoot is not true",
    "bad/app: runs as user 0",
    "bad/app: seccomp profile is not RuntimeDefault",
    "bad/app: root file system is writable",
    "bad/app: hostPort 80",
  ]);
});

test("the schemas refuse a Deployment without a selector, or with a number where a string goes", async () => {
  const [deployment] = objects("mvp").filter((o) => o.kind === "Deployment");
  await loadModels([deployment]);
  const unselected = structuredClone(deployment);
  delete unselected.spec.selector;
  assert.throws(() => modelOf(unselected).validate(), /selector/);
  const mistyped = structuredClone(deployment);
  mistyped.spec.template.spec.containers[0].args = [1];
  assert.throws(() => modelOf(mistyped).validate(), /args/);
});
