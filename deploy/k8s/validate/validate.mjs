// Validates Kubernetes manifests offline: each document against the schema of its apiVersion and kind, from the
// packages kubernetes-models (Kubernetes' own OpenAPI schemas) and @kubernetes-models/keda (KEDA's CRDs).
//   node validate.mjs [--json] [file.yaml ...]     (no file: reads the rendered manifests on standard input)
// Prints "ok <kind>/<name>" per document, or "invalid <kind>/<name>: <errors>"; exits 1 when any document is invalid
// or has no known schema. --json prints the documents as a JSON array instead, for checks beyond the schema.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const args = process.argv.slice(2);
const json = args.includes("--json");
const files = args.filter((a) => a !== "--json");
const texts = files.length > 0 ? files.map((f) => readFileSync(f, "utf8")) : [readFileSync(0, "utf8")];
const documents = texts.flatMap((t) => parseAllDocuments(t).map((d) => d.toJS())).filter((d) => d && typeof d === "object");

function modulePath(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group.endsWith("keda.sh")) {
    return `@kubernetes-models/keda/${group}/${version}/${kind}`;
  }
  return group === "" ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
}

let failed = 0;
for (const doc of documents) {
  const name = `${doc.kind}/${doc.metadata?.name ?? "?"}`;
  if (!doc.apiVersion || !doc.kind) {
    console.log(`invalid ${name}: no apiVersion or kind`);
    failed++;
    continue;
  }
  let Model;
  try {
    Model = (await import(modulePath(doc.apiVersion, doc.kind)))[doc.kind];
  } catch {
    console.log(`invalid ${name}: no schema for ${doc.apiVersion} ${doc.kind}`);
    failed++;
    continue;
  }
  try {
    new Model(doc).validate();
    if (!json) console.log(`ok ${name}`);
  } catch (error) {
    const details = (error.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
    console.log(`invalid ${name}: ${details || error.message}`);
    failed++;
  }
}
if (json) console.log(JSON.stringify(documents));
if (documents.length === 0) {
  console.log("no manifests given");
  failed++;
}
process.exit(failed > 0 ? 1 : 0);
