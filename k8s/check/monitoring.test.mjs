// The monitoring rules with promtool (Debian's prometheus package; .ci/run puts it on the PATH): they load, their
// unit tests pass, and the scrape configuration's relabelling reads; every alert links its runbook and reads only
// recording rules or `up` (what PrometheusIT checks against a running system).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import path from "node:path";
import YAML from "yaml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const monitoring = path.join(root, "k8s", "base", "monitoring");
const RULES = path.join(monitoring, "rules", "medcontracthub.yml");

function promtool(...args) {
  try {
    return execFileSync("promtool", args, { encoding: "utf8", cwd: monitoring, stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    if (e.code === "ENOENT") {
      throw new Error("promtool is not on the PATH: .ci/run takes it from Debian's prometheus package");
    }
    throw new Error(`promtool ${args.join(" ")}: ${e.stdout}${e.stderr}`);
  }
}

test("the rules load and their unit tests pass", () => {
  assert.match(promtool("check", "rules", RULES), /SUCCESS: \d+ rules found/);
  assert.match(promtool("test", "rules", "tests/medcontracthub.test.yml"), /SUCCESS/);
});

test("the scrape configuration reads (its Kubernetes discovery as a static target: Debian's build leaves it out)", () => {
  const config = YAML.parse(readFileSync(path.join(monitoring, "prometheus.yml"), "utf8"));
  for (const job of config.scrape_configs) {
    assert.ok(job.kubernetes_sd_configs, `${job.job_name} finds its targets through Kubernetes`);
    delete job.kubernetes_sd_configs;
    job.static_configs = [{ targets: ["127.0.0.1:9464"] }];
  }
  config.rule_files = [RULES];
  const copy = path.join(mkdtempSync(path.join(tmpdir(), "mch-prometheus-")), "prometheus.yml");
  writeFileSync(copy, YAML.stringify(config));
  assert.match(promtool("check", "config", copy), /SUCCESS/);
});

test("every alert pages or tickets, links a runbook that exists, and reads recording rules or up only", () => {
  const groups = YAML.parse(readFileSync(RULES, "utf8")).groups;
  const recorded = new Set(groups.flatMap((g) => g.rules).filter((r) => r.record).map((r) => r.record));
  const alerts = groups.flatMap((g) => g.rules).filter((r) => r.alert);
  assert.ok(alerts.length >= 5);
  for (const alert of alerts) {
    assert.ok(["page", "ticket"].includes(alert.labels.severity), `${alert.alert}: severity`);
    assert.ok(existsSync(path.join(root, alert.annotations.runbook)), `${alert.alert}: ${alert.annotations.runbook}`);
    const names = alert.expr.replace(/\{[^}]*\}/g, "").match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)
      .filter((name) => !["and", "or", "unless", "by", "on"].includes(name));
    for (const name of names) {
      assert.ok(recorded.has(name) || name === "up", `${alert.alert} reads ${name}, which is no recording rule`);
    }
  }
});

const DASHBOARDS = path.join(monitoring, "grafana-dashboards");
const dashboards = ["microservices-overview", "kafka-pipeline", "ai-service", "cost-tracking"]
  .map((name) => JSON.parse(readFileSync(path.join(DASHBOARDS, `${name}.json`), "utf8")));

test("the four dashboards are provisioned, each panel querying the Prometheus chosen as its variable", () => {
  const kustomization = YAML.parse(readFileSync(path.join(monitoring, "kustomization.yaml"), "utf8"));
  const provisioned = kustomization.configMapGenerator.find((g) => g.name === "grafana-dashboards").files;
  assert.equal(provisioned.length, 4);
  assert.equal(new Set(dashboards.map((d) => d.uid)).size, 4, "unique uids");
  for (const dashboard of dashboards) {
    assert.ok(dashboard.templating.list.some((v) => v.name === "datasource" && v.query === "prometheus"), dashboard.uid);
    assert.equal(new Set(dashboard.panels.map((p) => p.id)).size, dashboard.panels.length, `${dashboard.uid}: panel ids`);
    for (const panel of dashboard.panels) {
      assert.equal(panel.datasource.uid, "${datasource}", `${dashboard.uid}/${panel.title}`);
      assert.ok(panel.targets.length > 0 && panel.targets.every((t) => t.expr.trim()), `${dashboard.uid}/${panel.title}`);
    }
  }
});

test("the cost dashboard prices resources with the table ./mch cost uses, whose node prices are E2's unit prices", () => {
  const prices = YAML.parse(readFileSync(path.join(root, "conf", "prices", "gke-us-central1.yaml"), "utf8"));
  const vcpu = prices["e2-vcpu-per-hour"];
  const gib = prices["e2-memory-gib-per-hour"];
  for (const [name, type] of Object.entries(prices["node-types"])) {
    const memory = parseInt(type.memory, 10);
    assert.ok(Math.abs(type.vcpu * vcpu + memory * gib - type["per-hour"]) < 1e-6, `${name}: vCPUs and GiB priced`);
  }
  const cost = dashboards.find((d) => d.uid === "mch-cost");
  const priced = cost.panels.flatMap((p) => p.targets).map((t) => t.expr).filter((e) => e.includes(" * ("));
  assert.ok(priced.length >= 4);
  const perCore = `(${vcpu} * ${prices["hours-per-month"]})`;
  const perGib = `/ 1073741824 * (${gib} * ${prices["hours-per-month"]})`;
  for (const expr of priced) {
    assert.ok(expr.includes(perCore) || expr.includes(perGib), `${expr} prices with ${perCore} or ${perGib}`);
  }
  assert.ok(cost.description.includes(`${vcpu} USD per vCPU-hour`) && cost.description.includes(`${gib} USD per GiB-hour`));
});
