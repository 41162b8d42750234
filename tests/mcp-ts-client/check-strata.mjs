// Drives Strata with the official MCP TypeScript SDK: `strata mcp` over stdio and `strata serve` over streamable
// HTTP. For each: list the tools, call every tool in a real sequence (with the periodic duplicate scan run in between
// by `strata duplicates scan`), read an entity resource, and check that a refused call is a tool error with a stable code. Prints a JSON summary on stdout; exits non-zero on any failure.
//
// usage: node check-strata.mjs --dll path/to/strata.dll [--dotnet path/to/dotnet] [--database URL]
// With --database, both servers run on that PostgreSQL database (as two users), instead of SQLite data directories.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const TOOLS = [
  "ingest", "ingest_structured", "reinterpret", "correct", "merge_entities", "split_entity", "unmerge", "reresolve",
  "retrieve_entities", "get_entity_snapshot",
  "list_observations", "get_field_provenance", "list_timeline_events", "list_relations", "get_neighbourhood", "find_path", "list_sources", "list_runs", "get_run", "list_run_items", "cancel_run",
  "register_schema", "list_schemas", "get_usage", "list_potential_duplicates", "dismiss_duplicate", "get_source_content", "submit_interpretation",
  "list_models", "set_default_model", "set_provider_key", "list_provider_keys", "remove_provider_key",
  "register_block_schema", "list_block_schemas", "get_block_schema", "delete_block_schema", "run_block_schema", "get_block_run",
  "list_block_runs", "cancel_block_run", "delete_block_run", "list_block_values", "get_block_value", "confirm_block_value",
  "reject_block_value", "edit_block_value", "confirm_all_staged", "confirm_matching_values", "reject_matching_values", "apply_bulk_change", "undo_bulk_change", "retry_failed_blocks", "apply_block_schema", "run_pending_blocks",
  "get_review_progress",
  "import_chat", "get_import", "list_imports", "resume_import", "get_chat_evidence", "get_memory", "recall", "recall_status",
  "create_project", "list_projects", "get_project", "rename_project", "delete_project", "add_document", "list_documents", "get_document",
  "delete_document", "list_blocks", "get_block", "preview_deletion", "list_deletions",
  "delete_entity", "delete_observation", "delete_source",
  "add_webhook", "list_webhooks", "remove_webhook", "list_webhook_deliveries",
  "export",
];

// A provider for the model and key tools (never called: nothing here runs an LLM). Inherited by both servers.
process.env.STRATA_LLM__PROVIDERS__FAKE__KIND = "openai";
process.env.STRATA_LLM__PROVIDERS__FAKE__BASEURL = "http://127.0.0.1:9/v1";
// Webhooks: a receiver on the loopback is refused unless this test-only setting allows it.
process.env.STRATA_WEBHOOKS__ALLOWLOOPBACK = "true";
const PEOPLE = "name,email,birthday\nAda Lovelace,ada@example.com,1815-12-10\nAlan Turing,alan@example.com,1912-06-23\n";
const BOOK = {
  entity_type: "book",
  fields: { title: { type: "string" }, author: { type: "string" }, published: { type: "date", timeline: true } },
  canonical_name: ["title"],
  description: "A book.",
};
const ENTITIES = [
  { entity_type: "book", title: "Sketch of the Analytical Engine", author: "Ada Lovelace", published: "1843-09-01" },
  { entity_type: "contact", name: "Ada King", email: "ada.king@example.com" },
];
const MISSING = "ent_000000000000000000000000";
const LEASE = "# Lease\n\nThe tenant pays rent monthly.\n\n## Term\n\n- one year\n";

function option(name) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

// Absolute, because the stdio server is started in another working directory.
const dll = option("--dll") && resolve(option("--dll"));
const dotnet = option("--dotnet") ?? "dotnet";
const database = option("--database");
/** Where a strata process keeps its data: a data directory, plus the PostgreSQL database when one is given. */
const storage = (dataDirectory) => (database ? ["--data-dir", dataDirectory, "--database", database] : ["--data-dir", dataDirectory]);
if (!dll) {
  console.error("usage: node check-strata.mjs --dll path/to/strata.dll [--dotnet path/to/dotnet]");
  process.exit(2);
}

function newClient() {
  return new Client({ name: "strata-ts-check", version: "1.0.0" });
}

/** @param scanDuplicates runs the duplicate scan a worker would run on its schedule, now. */
async function exercise(client, ingestArguments, scanDuplicates) {
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), [...TOOLS].sort(), "the tool names");
  for (const tool of tools) {
    assert.equal(tool.inputSchema.type, "object", `${tool.name} input schema`);
    assert.equal(typeof tool.annotations?.readOnlyHint, "boolean", `${tool.name} annotations`);
  }

  const called = new Set();
  async function call(name, args) {
    const result = await client.callTool({ name, arguments: args });
    assert.notEqual(result.isError, true, `${name} failed: ${result.content?.[0]?.text}`);
    assert.equal(typeof result.structuredContent, "object", `${name} structured content`);
    assert.deepEqual(JSON.parse(result.content[0].text), result.structuredContent, `${name} text is the same JSON`);
    called.add(name);
    return result.structuredContent;
  }

  // A tool answered with the refusal expected of it (its stable code): it was called and read.
  async function callRefused(name, args, code) {
    const result = await client.callTool({ name, arguments: args });
    assert.equal(result.isError, true, `${name} should be refused with ${code}`);
    assert.equal(result.structuredContent.code, code, `${name} refusal code`);
    called.add(name);
  }

  await call("register_schema", { schema: BOOK });
  const ingest = await call("ingest", ingestArguments);
  assert.equal(ingest.interpretation.entities_total, 2, "ingest interpreted both people");
  const stored = await call("ingest_structured", { entities: ENTITIES });
  const found = await call("retrieve_entities", { entity_type: "contact", query: "Lovelace" });
  const ada = found.entities[0].entity_id;
  const adaKing = stored.entities[1].entity_id;
  await call("get_entity_snapshot", { entity_id: ada });
  await call("correct", { entity_id: ada, field: "title", value: "Countess", reason: "peerage" });
  const provenance = await call("get_field_provenance", { entity_id: ada, field: "title" });
  assert.equal(provenance.observation.reason, "peerage");
  assert.equal(provenance.evidence, null, "a correction has no quoted evidence");
  assert.equal(provenance.run_item, null, "nor a run item");
  const merge = await call("merge_entities", { from_entity_id: adaKing, to_entity_id: ada });
  assert.equal(merge.to_entity_id, ada);
  const undone = await call("unmerge", { merge_id: merge.merge_id, reason: "not so sure" });
  assert.equal(undone.to_entity_id, adaKing);
  await call("merge_entities", { from_entity_id: adaKing, to_entity_id: ada });
  const planned = await call("reresolve", { dry_run: true });
  assert.equal(planned.dry_run, true);
  const observations = await call("list_observations", { entity_id: ada, limit: 10 });
  assert.ok(observations.observations.every((o) => o.evidence === null), "rules and corrections quote no evidence");
  const timeline = await call("list_timeline_events", { from: "1800-01-01" });
  assert.ok(timeline.events.some((e) => e.date === "1843-09-01"), "the book's date is on the timeline");
  await call("reinterpret", { source_id: ingest.source_id });
  await call("list_sources", {});
  await call("list_runs", { source_id: ingest.source_id });
  const run = await call("get_run", { run_id: ingest.interpretation.run_id });
  assert.equal(run.source_id, ingest.source_id, "get_run answers the ingest's run");
  await call("list_run_items", { run_id: ingest.interpretation.run_id }); // a rules run has no items; the call must still answer
  const finished = await client.callTool({ name: "cancel_run", arguments: { run_id: ingest.interpretation.run_id } });
  assert.equal(finished.isError, true, "a finished run cannot be cancelled");
  assert.equal(finished.structuredContent.code, "RUN_NOT_CANCELLABLE");
  called.add("cancel_run");
  const schemas = await call("list_schemas", {});
  assert.ok(schemas.schemas.some((s) => s.entity_type === "book"), "the registered schema is listed");
  const usage = await call("get_usage", {});
  assert.equal(usage.interpretations_this_month, 2, "the ingest and the reinterpretation were counted");
  assert.equal(usage.llm.calls, 0, "no model was called");

  const page = await call("get_source_content", { source_id: ingest.source_id, offset: 0, length: 10 });
  assert.equal(page.text, PEOPLE.slice(0, 10), "the first page of the source");
  const agentRun = await call("submit_interpretation", {
    source_id: ingest.source_id, interpreter: "ts-agent", entities: [{ entity_type: "contact", name: "Alan Turing", evidence: "Alan Turing" }],
  });
  assert.equal(agentRun.evidence[0].evidence_found, true, "the quote is found in the source");
  await call("list_models", {});
  const models = await call("set_default_model", { model: "fake/some-model" });
  assert.equal(models.default_model.toLowerCase(), "fake/some-model", "provider names from environment variables are upper case");
  const keyAnswer = await call("set_provider_key", { provider: "fake", key: "sk-ts-secret-1" });
  assert.ok(!JSON.stringify(keyAnswer).includes("sk-ts-secret-1"), "the key is never answered");
  assert.equal((await call("list_provider_keys", {})).keys.length, 1);
  await call("remove_provider_key", { provider: "fake" });

  // A project end to end: a Markdown document converted into blocks whose locators slice back to the text, then deleted.
  const project = await call("create_project", { name: "TS contracts" });
  assert.equal((await call("list_projects", {})).projects.length, 1);
  await call("get_project", { project: "TS contracts" });
  const added = await call("add_document", { project: project.project_id, content_base64: Buffer.from(LEASE).toString("base64"), filename: "lease.md" });
  assert.equal(added.document.status, "ingested", "the document was converted");
  assert.equal((await call("list_documents", { project: project.project_id })).documents.length, 1);
  await call("get_document", { document_id: added.document.document_id });
  const blocks = (await call("list_blocks", { document_id: added.document.document_id })).blocks;
  assert.deepEqual(blocks.map((b) => b.type), ["heading", "paragraph", "heading", "list_item"]);
  const block = await call("get_block", { block_uid: blocks[1].block_uid });
  assert.equal(LEASE.slice(block.locator.start, block.locator.end).trim(), "The tenant pays rent monthly.", "the locator slices back to the text");
  // A block schema run over a document of no blocks (nothing here runs a model): it completes as it starts; review
  // steps on a block it does not have are refused with their code.
  const clause = { schema_ref: "ts-clause", properties: { topic: { type: "string" } }, prompt_config: { max_blocks_per_call: 5 } };
  assert.equal((await call("register_block_schema", { schema: clause })).version, 1);
  assert.equal((await call("list_block_schemas", {})).items.length, 1);
  await call("get_block_schema", { schema_ref: "ts-clause" });
  const blank = await call("add_document", { project: project.project_id, content_base64: Buffer.from("\n\n").toString("base64"), filename: "blank.md" });
  const started = await call("run_block_schema", { document_id: blank.document.document_id, schema_ref: "ts-clause", model: "fake/small" });
  const blockRun = started.run.run_id;
  assert.equal((await call("get_block_run", { run_id: blockRun })).status, "completed", "a run of no blocks completes at once");
  assert.equal((await call("list_block_runs", { project_id: project.project_id })).items.length, 1);
  assert.equal((await call("list_block_values", { run_id: blockRun })).items.length, 0);
  await callRefused("get_block_value", { run_id: blockRun, block_index: 0 }, "BLOCK_VALUE_NOT_FOUND");
  await callRefused("confirm_block_value", { run_id: blockRun, block_index: 0 }, "BLOCK_VALUE_NOT_FOUND");
  await callRefused("reject_block_value", { run_id: blockRun, block_index: 0 }, "BLOCK_VALUE_NOT_FOUND");
  await callRefused("edit_block_value", { run_id: blockRun, block_index: 0, value: { topic: "rent" } }, "BLOCK_VALUE_NOT_FOUND");
  await call("confirm_all_staged", { scope: "project", id: project.project_id });
  const matching = await call("confirm_matching_values", { run_id: blockRun, block_type: "paragraph", dry_run: true });
  assert.deepEqual([matching.matched, matching.changed, matching.dry_run], [0, 0, true], "a run of no blocks has nothing to match");
  assert.equal((await call("reject_matching_values", { run_id: blockRun, field: "topic", equals: "rent", except: [0] })).model_calls, 0);
  const bulk = await call("apply_bulk_change", { run_id: blockRun, action: "confirm", blocks: [0] });
  assert.deepEqual([bulk.changed, bulk.unchanged], [[], [0]], "a run of no blocks changes nothing");
  assert.deepEqual((await call("undo_bulk_change", { change_id: bulk.change_id })).undone, []);
  await call("retry_failed_blocks", { scope: "run", id: blockRun });
  const applied = await call("apply_block_schema", { project_id: project.project_id, schema_ref: "ts-clause", model: "fake/small" });
  assert.equal(applied.runs_started.length, 1, "the lease gets a run; the blank document already has one");
  await call("cancel_block_run", { run_id: applied.runs_started[0] });
  await call("run_pending_blocks", { project_id: project.project_id });
  await call("cancel_block_run", { run_id: applied.runs_started[0] });
  await call("get_review_progress", { project_id: project.project_id });
  await call("delete_block_run", { run_id: blockRun });
  await call("delete_block_schema", { schema_ref: "ts-clause", force: true });
  await call("delete_document", { document_id: blank.document.document_id });

  await call("rename_project", { project: project.project_id, name: "TS leases" });
  const preview = await call("preview_deletion", { document_id: added.document.document_id });
  assert.deepEqual([preview.deleting, preview.counts.documents, preview.counts.blocks], ["document", 1, blocks.length], "the preview counts the document's blocks");
  const removed = await call("delete_document", { document_id: added.document.document_id });
  assert.equal(removed.removed.blocks, preview.counts.blocks, "the delete removed the blocks its preview counted");
  await call("delete_project", { project: "TS leases" });
  assert.ok((await call("list_deletions", {})).deletions.length >= 2, "the deletes are audited");

  // Alan's misspelt twin (same birthday, another email) is the one likely pair: the scan scores fields, not names alone.
  await call("ingest_structured", { entities: [{ entity_type: "contact", name: "Alan Turring", birthday: "1912-06-23", email: "a.m.turing@example.org" }] });
  await scanDuplicates();
  const pairs = await call("list_potential_duplicates", { entity_type: "contact", include_total: true });
  assert.equal(pairs.total, 1, "the scan found the similar pair");
  const [pair] = pairs.duplicates;
  const dismissed = await call("dismiss_duplicate", { entity_a: pair.entity_a.entity_id, entity_b: pair.entity_b.entity_id });
  assert.equal(dismissed.status, "dismissed");
  assert.equal((await call("list_potential_duplicates", { include_total: true })).total, 0, "a dismissed pair leaves the list");
  const split = await call("split_entity", { entity_id: ada, observation_ids: [stored.entities[1].observation_id], reason: "another Ada" });
  assert.equal(split.from_entity_id, ada, "the split takes from the entity it was given");

  // A chat export: imported (the quick pass; no model runs here), read back, resumed, and MEMORY.md as a tool and a resource.
  const chat = JSON.stringify([{ uuid: "c1", name: "Coffee", chat_messages: [{ uuid: "m1", sender: "human", text: "I prefer oat milk." }] }]);
  const imported = await call("import_chat", { provider: "claude", content_base64: Buffer.from(chat).toString("base64"), full_pass: false });
  assert.equal(imported.status, "quick_ready", "the quick pass is done when the import answers");
  assert.equal((await call("get_import", { import_id: imported.import_id })).counts.conversations, 1);
  const imports = await call("list_imports", { include_total: true });
  assert.equal(imports.imports[0].import_id, imported.import_id, "list_imports lists the newest import first");
  assert.equal(imports.imports[0].kind, "claude");
  assert.equal((await call("resume_import", { import_id: imported.import_id })).import_id, imported.import_id);
  const traced = await call("get_chat_evidence", { entity_id: ada, field: "title" });
  assert.equal(traced.evidence.length, 0, "a corrected value has no chat evidence");
  assert.ok(traced.observation_id.startsWith("obs_"), "get_chat_evidence names the observation that won the field");
  await callRefused("get_chat_evidence", { observation_id: "obs_000000000000000000000000" }, "OBSERVATION_NOT_FOUND");
  const memory = await call("get_memory", {});
  assert.ok(memory.markdown.includes("## Preferences"), "MEMORY.md has its sections");
  const memoryResource = await client.readResource({ uri: "strata://memory" });
  assert.ok(memoryResource.contents[0].text.startsWith("# MEMORY"), "strata://memory is MEMORY.md");

  const refused = await client.callTool({ name: "get_entity_snapshot", arguments: { entity_id: MISSING } });
  assert.equal(refused.isError, true, "a missing entity is a tool error");

  const resource = await client.readResource({ uri: `strata://entities/${ada}` });
  const snapshot = JSON.parse(resource.contents[0].text);
  assert.equal(snapshot.fields.title, "Countess", "the resource is the snapshot");

  // Recall: the answer's shape (the chat above may still be converting, so what it finds is not asserted here).
  const recalled = await call("recall", { query: "Which milk do I prefer?", k: 5 });
  assert.ok(Array.isArray(recalled.results) && typeof recalled.partial === "boolean" && typeof recalled.context === "string", "recall answers its shape");
  const recallStatus = await call("recall_status", {});
  assert.ok(Number.isInteger(recallStatus.units) && recallStatus.index.total === 0 && recallStatus.index.state === "done" && recallStatus.embedding == null,
    "recall_status: the units indexed, nothing older than recall pending, no embedding provider");

  // Relations: Ada works at a company written in the same call, read as her relations, her neighbourhood and a path.
  const employer = await call("ingest_structured", {
    entities: [{ entity_type: "company", name: "Analytical Engines" }], relations: [{ from: ada, relation_type: "works_at", to: 0 }],
  });
  const company = employer.entities[0].entity_id;
  assert.equal((await call("list_relations", { entity_id: ada })).relations.length, 1, "her one relation");
  assert.equal((await call("get_neighbourhood", { entity_id: company, depth: 1 })).nodes.length, 2, "the company and Ada");
  assert.equal((await call("find_path", { from_entity_id: ada, to_entity_id: company })).found, true, "one relation apart");
  // The whole graph as a listed resource: a page of entities with the relations that start from them.
  assert.ok((await client.listResources()).resources.some((r) => r.uri === "strata://graph"), "strata://graph is listed");
  const graph = JSON.parse((await client.readResource({ uri: "strata://graph" })).contents[0].text);
  assert.ok(graph.entities.some((e) => e.entity_id === company) && graph.entities.length <= graph.page_size, "a bounded page of entities");
  assert.ok(graph.relations.some((r) => r.from_entity_id === ada && r.relation_type === "works_at" && r.to_entity_id === company), "her relation in the graph");

  // Exports: a small text export inline; a binary one (Parquet) as a resource link, read back as its bytes.
  const inline = await call("export", { kind: "entities", format: "jsonl", entity_type: "contact" });
  assert.equal(inline.inline, true, "a small text export comes inline");
  assert.ok(inline.content.split("\n").some((line) => line.includes(ada)), "Ada is a line of the JSONL");
  const linked = await call("export", { kind: "entities", format: "parquet", entity_type: "contact" });
  assert.equal(linked.inline, false, "Parquet comes as a link");
  const parquet = await client.readResource({ uri: linked.resource_uri });
  assert.equal(Buffer.from(parquet.contents[0].blob, "base64").subarray(0, 4).toString("latin1"), "PAR1", "the link reads as a Parquet file");

  // Forgetting: an observation, the company, and the first ingest's source, each answered with what it removed.
  await call("delete_observation", { observation_id: stored.entities[0].observation_id });
  assert.ok((await call("delete_entity", { entity_id: company })).removed.entities >= 1, "the company is forgotten");
  await call("delete_source", { source_id: ingest.source_id });
  await callRefused("get_entity_snapshot", { entity_id: company }, "ENTITY_NOT_FOUND");

  // Webhooks: a private address is refused even here; a loopback receiver is allowed by the test-only setting. The
  // secret is shown on creation only, and the deliveries log answers for the new hook (nothing sent to it yet).
  await callRefused("add_webhook", { url: "http://10.0.0.1/hook", events: "run.completed" }, "WEBHOOK_ADDRESS_REFUSED");
  const hook = await call("add_webhook", { url: "http://127.0.0.1:9/hook", events: "run.completed,export.ready" });
  assert.ok(hook.secret.startsWith("whsec_"), "the secret, once");
  assert.ok((await call("list_webhooks", {})).items.every((w) => w.secret === undefined), "never listed with its secret");
  assert.deepEqual((await call("list_webhook_deliveries", { webhook_id: hook.webhook_id })).items, [], "nothing sent to it yet");
  assert.equal((await call("remove_webhook", { webhook_id: hook.webhook_id })).removed, true, "removed");

  return {
    tools: tools.map((t) => t.name).sort(),
    called: [...called].sort(),
    error_code: refused.structuredContent.code,
    resource_entity: snapshot.entity_id === ada,
  };
}

async function checkStdio(work) {
  const files = join(work, "files");
  await mkdir(files, { recursive: true });
  await writeFile(join(files, "people.csv"), PEOPLE);
  await writeFile(join(work, "outside.csv"), PEOPLE);
  const transport = new StdioClientTransport({
    command: dotnet,
    args: [dll, "mcp", ...storage(join(work, "stdio-data")), "--user", "ts"],
    cwd: files,
    env: { ...process.env },
    stderr: "pipe",
  });
  const client = newClient();
  await client.connect(transport);
  try {
    const data = join(work, "stdio-data");
    const summary = await exercise(client, { path: "people.csv", entity_type: "contact" },
      () => run(["duplicates", "scan", ...storage(data), "--user", "ts", "--json"]));
    const outside = await client.callTool({ name: "ingest", arguments: { path: "../outside.csv" } });
    assert.equal(outside.isError, true, "a path outside the allowed root is refused");
    return { ...summary, outside_path_code: outside.structuredContent.code };
  } finally {
    await client.close();
  }
}

function run(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(dotnet, [dll, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`strata ${args.join(" ")} exited ${code}: ${err}`))));
  });
}

/** Resolves with the URL `strata serve` prints once it listens; rejects if it exits first. */
function listeningUrl(server) {
  return new Promise((resolve, reject) => {
    let errors = "";
    server.stderr.on("data", (d) => (errors += d));
    const lines = createInterface({ input: server.stdout });
    lines.on("line", (line) => {
      const match = /^strata serve: listening on (\S+)/.exec(line);
      if (match) resolve(match[1]);
    });
    server.on("exit", (code) => reject(new Error(`strata serve exited ${code} before listening: ${errors}`)));
  });
}

async function checkHttp(work) {
  const data = join(work, "http-data");
  const user = JSON.parse(await run(["users", "create", "ts-http", ...storage(data), "--json"]));
  const server = spawn(dotnet, [dll, "serve", "--urls", "http://127.0.0.1:0", ...storage(data)], { stdio: ["ignore", "pipe", "pipe"] });
  try {
    const endpoint = new URL(`${await listeningUrl(server)}/mcp`);

    // The HTTP status of the refusal is reported, not just that the connection failed: any failure (a crash, a
    // wrong URL) would reject too, and only a 401 says the key was the reason.
    const intruder = newClient();
    let wrongKeyStatus = null;
    try {
      await intruder.connect(new StreamableHTTPClientTransport(endpoint, { requestInit: { headers: { Authorization: "Bearer strata_wrong" } } }));
    } catch (refusal) {
      wrongKeyStatus = refusal?.code ?? String(refusal);
    }

    const transport = new StreamableHTTPClientTransport(endpoint, { requestInit: { headers: { Authorization: `Bearer ${user.api_key}` } } });
    const client = newClient();
    await client.connect(transport);
    try {
      const summary = await exercise(client, {
        content_base64: Buffer.from(PEOPLE).toString("base64"),
        filename: "people.csv",
        entity_type: "contact",
      }, () => run(["duplicates", "scan", ...storage(data), "--user", "ts-http", "--json"]));
      await transport.terminateSession();
      return { ...summary, wrong_key_status: wrongKeyStatus };
    } finally {
      await client.close();
    }
  } finally {
    server.kill();
    if (server.exitCode === null) await once(server, "exit");
  }
}

const work = await mkdtemp(join(tmpdir(), "strata-ts-"));
try {
  const stdio = await checkStdio(work);
  const http = await checkHttp(work);
  console.log(JSON.stringify({ stdio, http }));
} catch (error) {
  console.error(error?.stack ?? String(error));
  process.exitCode = 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
