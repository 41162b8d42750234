// One MCP client script, one workload, two memory servers over stdio: the MCP reference memory server
// (@modelcontextprotocol/server-memory) and `strata mcp`. The client is the official TypeScript SDK.
// Usage: node peer-bench.mjs --work DIR [--quick] [--strata-dll PATH]
// Prints one JSON object as its last line: {"peer": {...}, "strata": {...} | null}.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import path from "node:path";
import fs from "node:fs";

const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const quick = args.includes("--quick");
const work = option("--work");
const strataDll = option("--strata-dll");
if (!work) throw new Error("--work DIR is required");
fs.mkdirSync(work, { recursive: true });

const workload = quick
  ? { entities: 200, observations: 3, batch: 50, reads: 50, searches: 10 }
  : { entities: 2000, observations: 3, batch: 50, reads: 500, searches: 100 };

// Deterministic people, as in the C# corpus and from the same name lists: a company each, a unique email.
const names = JSON.parse(fs.readFileSync(new URL("../Strata.Bench/Workloads/names.json", import.meta.url), "utf8"));
const companies = names.company_prefixes.length * names.company_kinds.length;
const person = (i) => {
  const first = names.first_names[i % names.first_names.length];
  const last = names.last_names[Math.floor(i / names.first_names.length) % names.last_names.length];
  const company = (i * 7919) % companies;
  return {
    name: `${first} ${last}`,
    last,
    email: `${first.toLowerCase()}.${last.toLowerCase()}.${i}@example.com`,
    company: `${names.company_prefixes[Math.floor(company / names.company_kinds.length)]} ${names.company_kinds[company % names.company_kinds.length]}`,
    title: `Title ${i % 17}`,
  };
};
let seed = 42;
const random = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };

const percentile = (samples, fraction) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))];
};
const summary = (samples) => ({ p50_ms: percentile(samples, 0.5), p95_ms: percentile(samples, 0.95), count: samples.length });

function structured(result) {
  if (result.isError) throw new Error(JSON.stringify(result.content));
  if (result.structuredContent) return result.structuredContent;
  const text = result.content?.find((c) => c.type === "text")?.text;
  try { return JSON.parse(text); } catch { return { text }; }
}

// The argument names a tool takes, read from its schema rather than assumed.
function argumentNamed(tool, candidates) {
  const names = Object.keys(tool.inputSchema?.properties ?? {});
  const found = candidates.find((c) => names.includes(c)) ?? names.find((n) => candidates.some((c) => n.includes(c)));
  if (!found) throw new Error(`${tool.name} takes none of ${candidates.join(", ")} (it takes ${names.join(", ")})`);
  return found;
}

// How each server says the same things.
const servers = {
  peer: {
    command: process.execPath,
    args: [path.join(path.dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/server-memory/package.json")), "dist", "index.js")],
    env: { MEMORY_FILE_PATH: path.join(work, "memory.jsonl") },
    prepare: () => ({}),
    write: (client, people) => client.callTool({
      name: "create_entities",
      arguments: { entities: people.map((p) => ({ name: p.name, entityType: "person", observations: [`email ${p.email}`, `works at ${p.company}`, p.title] })) },
    }).then((r) => { structured(r); return people.map((p) => p.name); }),
    read: (client, key) => client.callTool({ name: "open_nodes", arguments: { names: [key] } }).then(structured),
    search: (client, text) => client.callTool({ name: "search_nodes", arguments: { query: text } }).then(structured),
  },
  strata: {
    command: "dotnet",
    args: [strataDll, "mcp", "--data-dir", path.join(work, "strata"), "--user", "bench"],
    env: {},
    prepare: (tools) => ({
      id: argumentNamed(tools.get("get_entity_snapshot"), ["entity_id", "id"]),
      query: argumentNamed(tools.get("retrieve_entities"), ["query", "text"]),
    }),
    write: (client, people) => client.callTool({
      name: "ingest_structured",
      arguments: { entities: people.map((p) => ({ entity_type: "contact", name: p.name, email: p.email, company: p.company, title: p.title })) },
    }).then((r) => structured(r).entities.map((e) => e.entity_id)),
    read: (client, key, names) => client.callTool({ name: "get_entity_snapshot", arguments: { [names.id]: key } }).then(structured),
    search: (client, text, names) => client.callTool({ name: "retrieve_entities", arguments: { [names.query]: text } }).then(structured),
  },
};

async function measure(name) {
  const server = servers[name];
  seed = 42; // both servers read and search the same keys in the same order
  const transport = new StdioClientTransport({
    command: server.command, args: server.args, env: { ...process.env, ...server.env }, stderr: "ignore",
  });
  const client = new Client({ name: "strata-bench", version: "1.0.0" });
  await client.connect(transport);
  try {
    const tools = new Map((await client.listTools()).tools.map((t) => [t.name, t]));
    const names = server.prepare(tools);
    const people = Array.from({ length: workload.entities }, (_, i) => person(i));

    const writeLatencies = [];
    const keys = [];
    const writeStart = performance.now();
    for (let first = 0; first < people.length; first += workload.batch) {
      const start = performance.now();
      keys.push(...await server.write(client, people.slice(first, first + workload.batch)));
      writeLatencies.push(performance.now() - start);
    }
    const writeSeconds = (performance.now() - writeStart) / 1000;

    const readLatencies = [];
    for (let i = 0; i < workload.reads; i++) {
      const key = keys[random(keys.length)];
      const start = performance.now();
      await server.read(client, key, names);
      readLatencies.push(performance.now() - start);
    }

    const searchLatencies = [];
    for (let i = 0; i < workload.searches; i++) {
      const text = people[random(people.length)].last;
      const start = performance.now();
      await server.search(client, text, names);
      searchLatencies.push(performance.now() - start);
    }

    return {
      writes_per_s: workload.entities / writeSeconds,
      write_batch: summary(writeLatencies),
      read: summary(readLatencies),
      search: summary(searchLatencies),
    };
  } finally {
    await client.close();
  }
}

const result = { workload, peer: await measure("peer"), strata: strataDll ? await measure("strata") : null };
console.log(JSON.stringify(result));
