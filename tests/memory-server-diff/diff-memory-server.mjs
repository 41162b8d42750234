// The differential test of `strata mcp --profile memory-server` against the MCP reference memory server itself
// (@modelcontextprotocol/server-memory), both driven through the official TypeScript client over stdio. For each seed, a
// random sequence of the nine tools over a small pool of names, types, relation types and observations (so names repeat,
// relations name missing entities, deleted things come back) is replayed against both; after every step read_graph and
// open_nodes must answer the same (order aside), search_nodes on Strata must find at least what the reference finds, and a
// refused call must be refused by both. Then the concurrency the reference loses: two strata processes on one store, each
// making 20 concurrent create_entities calls, keep all 40. Prints a JSON summary on stdout; exits non-zero on any failure.
//
// usage: node diff-memory-server.mjs --dll path/to/strata.dll [--dotnet dotnet] [--database URL] [--seeds 1,2,3] [--steps 40]
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
}
const dll = option("--dll") && resolve(option("--dll"));
const dotnet = option("--dotnet", "dotnet");
const database = option("--database");
const seeds = option("--seeds", "1,2,3,4,5").split(",").map(Number);
const steps = Number(option("--steps", "40"));
if (!dll) {
  console.error("usage: node diff-memory-server.mjs --dll path/to/strata.dll [--dotnet dotnet] [--database URL]");
  process.exit(2);
}
const referenceMain = createRequire(import.meta.url).resolve("@modelcontextprotocol/server-memory/dist/index.js");

// Names differing only in case or accents must stay apart, as in the reference.
const NAMES = ["Ada Lovelace", "ada lovelace", "Alan Turing", "Zoë", "Zoe", "Analytical Engines", "Bob"];
const TYPES = ["person", "company", "Person"];
const RELATION_TYPES = ["works_at", "knows", "reports to"];
const OBSERVATIONS = ["likes tea", "Likes Tea", "born 1815", "wrote notes", "café regular", "speaks French"];

/** A small seeded generator (mulberry32): the same seed replays the same sequence. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  // Distinct items: the reference keeps two entities (or relations) given twice in one call, which Strata folds into one.
  const some = (list, max) => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(list)))];
  const relation = () => ({ from: pick(NAMES), to: pick(NAMES), relationType: pick(RELATION_TYPES) });
  const relations = (max) => {
    const seen = new Map();
    for (let i = 0; i <= Math.floor(next() * max); i++) {
      const r = relation();
      seen.set(JSON.stringify(r), r);
    }
    return [...seen.values()];
  };
  const calls = [
    () => ["create_entities", { entities: some(NAMES, 3).map((name) => ({ name, entityType: pick(TYPES), observations: some(OBSERVATIONS, 2) })) }],
    () => ["create_relations", { relations: relations(3) }],
    () => ["add_observations", { observations: some(NAMES, 2).map((entityName) => ({ entityName, contents: some(OBSERVATIONS, 3) })) }],
    () => ["delete_entities", { entityNames: some(NAMES, 2) }],
    () => ["delete_observations", { deletions: some(NAMES, 2).map((entityName) => ({ entityName, observations: some(OBSERVATIONS, 2) })) }],
    () => ["delete_relations", { relations: relations(2) }],
  ];
  const weights = [4, 4, 3, 1, 2, 1];
  return () => {
    let roll = next() * weights.reduce((a, b) => a + b);
    for (let i = 0; i < calls.length; i++) {
      roll -= weights[i];
      if (roll < 0) return calls[i]();
    }
    return calls[0]();
  };
}

async function connect(command, args, env) {
  const client = new Client({ name: "strata-memory-diff", version: "1.0.0" });
  await client.connect(new StdioClientTransport({ command, args, env: { ...process.env, ...env }, stderr: "inherit" }));
  return client;
}

/** A strata process of the profile; each user has a graph of its own (on PostgreSQL they share one database). */
function strata(dataDirectory, user) {
  const storage = database ? ["--data-dir", dataDirectory, "--database", database] : ["--data-dir", dataDirectory];
  return connect(dotnet, [dll, "mcp", "--profile", "memory-server", "--no-worker", ...storage, "--user", user], {});
}

/** A graph in one order: entities by name (observations in their order), relations by their three parts. */
function sorted(graph) {
  const key = (r) => `${r.from}\u0000${r.relationType}\u0000${r.to}`;
  return {
    entities: [...graph.entities].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    relations: [...graph.relations].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)),
  };
}

async function call(client, name, args) {
  const result = await client.callTool({ name, arguments: args });
  return { isError: result.isError === true, text: result.content?.[0]?.text, structured: result.structuredContent };
}

/** One seed's sequence against both servers; returns how many calls and checks were made. */
async function replay(seed, reference, ours) {
  const next = generator(random(seed));
  const chance = random(seed + 1000);
  let checks = 0;
  const seen = { refused: 0, most_entities: 0, most_relations: 0, relations_to_missing: 0 };
  for (let step = 0; step < steps; step++) {
    const [name, args] = next();
    const where = `seed ${seed} step ${step} ${name} ${JSON.stringify(args)}`;
    const expected = await call(reference, name, args);
    const actual = await call(ours, name, args);
    assert.equal(actual.isError, expected.isError, `${where}: refused by one only (${actual.text} / ${expected.text})`);
    if (expected.isError) {
      assert.equal(actual.text, expected.text, `${where}: the refusal's words`);
    } else if (name.startsWith("create_")) {
      const part = name === "create_entities" ? "entities" : "relations";
      assert.deepEqual(sorted({ entities: [], relations: [], [part]: actual.structured[part] }),
        sorted({ entities: [], relations: [], [part]: expected.structured[part] }), `${where}: what was created`);
    } else {
      assert.deepEqual(actual.structured, expected.structured, `${where}: the answer`);
    }
    const [graphExpected, graphActual] = [await call(reference, "read_graph", {}), await call(ours, "read_graph", {})];
    assert.deepEqual(sorted(graphActual.structured), sorted(graphExpected.structured), `${where}: read_graph after it`);
    // What the sequence went through, so a run that compared only empty graphs shows it.
    const graph = graphExpected.structured;
    const held = new Set(graph.entities.map((e) => e.name));
    seen.refused += expected.isError ? 1 : 0;
    seen.most_entities = Math.max(seen.most_entities, graph.entities.length);
    seen.most_relations = Math.max(seen.most_relations, graph.relations.length);
    seen.relations_to_missing += graph.relations.filter((r) => !held.has(r.from) || !held.has(r.to)).length > 0 ? 1 : 0;
    const names = NAMES.filter(() => chance() < 0.5);
    const [openExpected, openActual] = [await call(reference, "open_nodes", { names }), await call(ours, "open_nodes", { names })];
    assert.deepEqual(sorted(openActual.structured), sorted(openExpected.structured), `${where}: open_nodes ${JSON.stringify(names)}`);
    for (const query of ["ada", "Tea", "works", "engines", "ë", "person"]) {
      const [found, ourFound] = [await call(reference, "search_nodes", { query }), await call(ours, "search_nodes", { query })];
      const missing = found.structured.entities.map((e) => e.name).filter((n) => !ourFound.structured.entities.some((e) => e.name === n));
      assert.deepEqual(missing, [], `${where}: search_nodes "${query}" missed what the reference found`);
    }
    checks += 4;
  }
  return { checks, ...seen };
}

/** Two strata processes on one store, 20 concurrent create_entities calls each: all 40 entities stay. */
async function concurrentCreates(dataDirectory) {
  const user = `concurrent-${process.pid}`;
  const clients = [await strata(dataDirectory, user), await strata(dataDirectory, user)];
  try {
    await Promise.all(clients.map((client, p) => Promise.all(Array.from({ length: 20 }, (_, i) =>
      call(client, "create_entities", { entities: [{ name: `p${p}-e${i}`, entityType: "t", observations: [`o${i}`] }] })
        .then((r) => assert.equal(r.isError, false, `process ${p} call ${i}: ${r.text}`))))));
    const graph = (await call(clients[0], "read_graph", {})).structured;
    const kept = graph.entities.filter((e) => /^p[01]-e\d+$/.test(e.name)).length;
    assert.equal(kept, 40, "two processes' 40 concurrent create_entities calls all kept");
    return kept;
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

const root = await mkdtemp(join(tmpdir(), "strata-memory-diff-"));
const summary = { seeds: [], steps, checks: 0 };
try {
  for (const seed of seeds) {
    const reference = await connect(process.execPath, [referenceMain], { MEMORY_FILE_PATH: join(root, `reference-${seed}.jsonl`) });
    const ours = await strata(join(root, `strata-${seed}`), `diff-${process.pid}-${seed}`);
    try {
      const { checks, ...seen } = await replay(seed, reference, ours);
      summary.checks += checks;
      summary.seeds.push({ seed, ...seen });
    } finally {
      await reference.close();
      await ours.close();
    }
  }
  summary.concurrent_kept = await concurrentCreates(join(root, "concurrent"));
  console.log(JSON.stringify(summary));
} finally {
  await rm(root, { recursive: true, force: true });
}
