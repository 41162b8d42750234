// One MCP client script, one workload, memory servers over stdio: the MCP reference memory server
// (@modelcontextprotocol/server-memory), `strata mcp` with its own tools, and `strata mcp --profile memory-server` with
// the reference's tools and calls. The client is the official TypeScript SDK.
// Usage: node peer-bench.mjs --work DIR [--quick] [--sizes 2000,10000,50000] [--rounds 3]
//                            [--strata-exe PATH | --strata-dll PATH] [--keep] [--servers strata,peer]
// --servers runs only the servers named, in that order (the disk breakdown needs no profile run).
// --keep leaves each run's data directory in place (to look at what a server stored) instead of deleting it.
// At each size the servers take turns (strata, reference, strata, reference, ...) for the given rounds, each run on
// a fresh data directory: start-up to `initialize` answered, writes, relations (one per entity, create_relations or
// ingest_structured's relations, in calls of the write batch), random reads, searches, then the bytes the
// server left on disk once its process had exited.
// Prints one JSON object as its last line: {"workload": {...}, "runs": [{size, round, server, ...}, ...]}.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import path from "node:path";
import fs from "node:fs";

const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const quick = args.includes("--quick");
const keep = args.includes("--keep");
const work = option("--work");
const strataExe = option("--strata-exe");
const strataDll = option("--strata-dll");
if (!work) throw new Error("--work DIR is required");
fs.mkdirSync(work, { recursive: true });

const sizes = (option("--sizes") ?? (quick ? "200" : "2000,10000,50000")).split(",").map(Number);
const rounds = Number(option("--rounds") ?? (quick ? 1 : 3));
const workload = quick
  ? { sizes, rounds, observations: 3, batch: 50, reads: 50, searches: 10 }
  : { sizes, rounds, observations: 3, batch: 50, reads: 500, searches: 100 };

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

// Every byte under a path: a file, or a directory's files at any depth.
function bytesUnder(target) {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(target).reduce((sum, entry) => sum + bytesUnder(path.join(target, entry)), 0);
}

// How each server says the same things; `dir` is the run's own fresh directory.
const servers = {
  peer: {
    command: () => process.execPath,
    args: () => [path.join(path.dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/server-memory/package.json")), "dist", "index.js")],
    env: (dir) => ({ MEMORY_FILE_PATH: path.join(dir, "memory.jsonl") }),
    stored: (dir) => path.join(dir, "memory.jsonl"),
    prepare: () => ({}),
    write: (client, people) => client.callTool({
      name: "create_entities",
      arguments: { entities: people.map((p) => ({ name: p.name, entityType: "person", observations: [`email ${p.email}`, `works at ${p.company}`, p.title] })) },
    }).then((r) => { structured(r); return people.map((p) => p.name); }),
    relate: (client, pairs) => client.callTool({
      name: "create_relations",
      arguments: { relations: pairs.map(([from, to]) => ({ from, to, relationType: "knows" })) },
    }).then(structured),
    read: (client, key) => client.callTool({ name: "open_nodes", arguments: { names: [key] } }).then(structured),
    search: (client, text) => client.callTool({ name: "search_nodes", arguments: { query: text } }).then(structured),
  },
  // Strata's compatibility profile: the reference's own tools and calls, Strata underneath.
  profile: {
    command: () => strataExe ?? "dotnet",
    args: (dir) => [...(strataExe ? [] : [strataDll]), "mcp", "--profile", "memory-server", "--data-dir", path.join(dir, "strata"), "--user", "bench"],
    env: () => ({}),
    stored: (dir) => path.join(dir, "strata"),
    prepare: () => ({}),
    write: (...args) => servers.peer.write(...args),
    relate: (...args) => servers.peer.relate(...args),
    read: (...args) => servers.peer.read(...args),
    search: (...args) => servers.peer.search(...args),
  },
  strata: {
    command: () => strataExe ?? "dotnet",
    args: (dir) => [...(strataExe ? [] : [strataDll]), "mcp", "--data-dir", path.join(dir, "strata"), "--user", "bench"],
    env: () => ({}),
    stored: (dir) => path.join(dir, "strata"),
    prepare: (tools) => ({
      id: argumentNamed(tools.get("get_entity_snapshot"), ["entity_id", "id"]),
      query: argumentNamed(tools.get("retrieve_entities"), ["query", "text"]),
    }),
    write: (client, people) => client.callTool({
      name: "ingest_structured",
      arguments: { entities: people.map((p) => ({ entity_type: "contact", name: p.name, email: p.email, company: p.company, title: p.title })) },
    }).then((r) => structured(r).entities.map((e) => e.entity_id)),
    relate: (client, pairs) => client.callTool({
      name: "ingest_structured",
      arguments: { entities: [], relations: pairs.map(([from, to]) => ({ from, relation_type: "knows", to })) },
    }).then(structured),
    read: (client, key, names) => client.callTool({ name: "get_entity_snapshot", arguments: { [names.id]: key } }).then(structured),
    search: (client, text, names) => client.callTool({ name: "retrieve_entities", arguments: { [names.query]: text } }).then(structured),
  },
};

async function measure(name, size, dir) {
  const server = servers[name];
  seed = 42; // both servers read and search the same keys in the same order
  fs.mkdirSync(dir, { recursive: true });
  const transport = new StdioClientTransport({
    command: server.command(), args: server.args(dir), env: { ...process.env, ...server.env(dir) }, stderr: "ignore",
  });
  const client = new Client({ name: "strata-bench", version: "1.0.0" });
  // Start-up as a client sees it: from spawning the process to the answer to `initialize`.
  const spawned = performance.now();
  await client.connect(transport);
  const initializeMs = performance.now() - spawned;
  let figures;
  try {
    const tools = new Map((await client.listTools()).tools.map((t) => [t.name, t]));
    const names = server.prepare(tools);
    const people = Array.from({ length: size }, (_, i) => person(i));

    const writeLatencies = [];
    const keys = [];
    const writeStart = performance.now();
    for (let first = 0; first < people.length; first += workload.batch) {
      const start = performance.now();
      keys.push(...await server.write(client, people.slice(first, first + workload.batch)));
      writeLatencies.push(performance.now() - start);
    }
    const writeSeconds = (performance.now() - writeStart) / 1000;

    // One relation per entity, to another written before it, in calls of the same batch size.
    const relateLatencies = [];
    const relateStart = performance.now();
    for (let first = 0; first < keys.length; first += workload.batch) {
      const pairs = keys.slice(first, first + workload.batch).map((key, i) => [key, keys[(first + i) * 7919 % keys.length]]);
      const start = performance.now();
      await server.relate(client, pairs);
      relateLatencies.push(performance.now() - start);
    }
    const relateSeconds = (performance.now() - relateStart) / 1000;

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

    figures = {
      initialize_ms: initializeMs,
      writes_per_s: size / writeSeconds,
      first_write_ms: writeLatencies[0],
      write_batch: summary(writeLatencies),
      relations_per_s: keys.length / relateSeconds,
      relate_batch: summary(relateLatencies),
      read: summary(readLatencies),
      search: summary(searchLatencies),
    };
  } finally {
    // Closing ends stdin and waits for the process to exit (the SDK signals it after 2 s if it has not).
    await client.close();
  }
  figures.disk_bytes = bytesUnder(server.stored(dir));
  figures.disk_bytes_per_entity = figures.disk_bytes / size;
  if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  return figures;
}

const order = option("--servers")?.split(",") ?? (strataExe || strataDll ? ["strata", "profile", "peer"] : ["peer"]);
const runs = [];
for (const size of sizes) {
  for (let round = 1; round <= rounds; round++) {
    for (const name of order) {
      const figures = await measure(name, size, path.join(work, `${name}-${size}-${round}`));
      runs.push({ size, round, server: name, ...figures });
      console.error(`${name} ${size} entities, round ${round}: ${Math.round(figures.writes_per_s)} writes/s, `
        + `initialize ${Math.round(figures.initialize_ms)} ms, disk ${figures.disk_bytes} bytes`);
    }
  }
}
console.log(JSON.stringify({ workload, runs }));
