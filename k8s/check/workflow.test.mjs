// The delivery workflow cannot run here: it is checked with GitHub's own workflow parser and schema
// (@actions/workflow-parser, what GitHub's editor tooling validates with), offline.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } from "@actions/workflow-parser";

const workflows = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", ".github", "workflows");
const DEPLOY = path.join(workflows, "microservices-deploy.yml");

async function check(name, content) {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  const template = parsed.value ? await convertWorkflowTemplate(parsed.context, parsed.value) : undefined;
  return { errors: [...errors, ...(template?.errors ?? []).map((e) => e.Message ?? e.message)], template };
}

test("the delivery workflow is valid for GitHub Actions", async () => {
  const { errors, template } = await check("microservices-deploy.yml", readFileSync(DEPLOY, "utf8"));
  assert.deepEqual(errors, []);
  assert.deepEqual(template.jobs.map((job) => job.id.value), ["test", "image", "deploy-dev", "deploy-prod",
    "apply-prod"]);
});

test("the workflow's tests are .ci/run, the one source of the test command", async () => {
  const { template } = await check("microservices-deploy.yml", readFileSync(DEPLOY, "utf8"));
  const runs = template.jobs.find((job) => job.id.value === "test").steps.filter((s) => s.run).map((s) => s.run.value);
  assert.deepEqual(runs, ["./.ci/run"]);
});

test("the parser refuses a workflow GitHub would refuse", async () => {
  const broken = readFileSync(DEPLOY, "utf8").replace("runs-on: ubuntu-24.04", "runs-onn: ubuntu-24.04");
  const { errors } = await check("broken.yml", broken);
  assert.ok(errors.some((message) => /runs-onn/.test(message)), errors.join("\n"));
});
