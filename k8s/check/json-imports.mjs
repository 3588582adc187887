// @actions/workflow-parser imports its schema as a JSON module without an import attribute, which Node 20 refuses;
// this hook supplies the attribute for .json modules (node --import ./json-imports.mjs).
import { register } from "node:module";

register("data:text/javascript," + encodeURIComponent(`
  export async function load(url, context, nextLoad) {
    return nextLoad(url, url.endsWith(".json") ? { ...context, importAttributes: { type: "json" } } : context);
  }`));
