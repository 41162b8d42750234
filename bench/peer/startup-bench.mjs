// Start-up as an MCP client sees it, for `strata mcp` and the MCP reference memory server in turn (strata,
// reference, strata, reference, ...), each run on a fresh data directory: spawn to `initialize` answered, then the
// first tool call (one write of 50 entities, as the peer benchmark's first call) and the median of the next 20.
// Usage: node startup-bench.mjs --work DIR --strata-exe PATH [--base-exe PATH] [--runs 5]
// --base-exe adds another Strata build (the one before a change) to the turns: strata, base, reference, strata, ...
// Prints a summary per server (median, min-max) and, as its last line, one JSON object with every run.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import path from "node:path";
import fs from "node:fs";
import os from "node:os";

const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const work = option("--work");
const strataExe = option("--strata-exe");
const baseExe = option("--base-exe");
if (!work || !strataExe) throw new Error("--work DIR and --strata-exe PATH are required");
const runs = Number(option("--runs") ?? 5);
const batch = 50;
const calls = 21;

const reference = path.join(path.dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/server-memory/package.json")), "dist", "index.js");
const people = (call) => Array.from({ length: batch }, (_, i) => {
  const n = call * batch + i;
  return { name: `Person ${n}`, email: `person.${n}@example.com`, company: `Company ${n % 97}`, title: `Title ${n % 17}` };
});
const strata = (exe) => ({
  spawn: (dir) => ({ command: exe, args: ["mcp", "--data-dir", path.join(dir, "strata"), "--user", "bench"], env: {} }),
  write: (client, call) => client.callTool({ name: "ingest_structured", arguments: { entities: people(call).map((p) => ({ entity_type: "contact", ...p })) } }),
});
const servers = {
  strata: strata(strataExe),
  base: strata(baseExe),
  reference: {
    spawn: (dir) => ({ command: process.execPath, args: [reference], env: { MEMORY_FILE_PATH: path.join(dir, "memory.jsonl") } }),
    write: (client, call) => client.callTool({
      name: "create_entities",
      arguments: { entities: people(call).map((p) => ({ name: p.name, entityType: "person", observations: [`email ${p.email}`, `works at ${p.company}`, p.title] })) },
    }),
  },
};

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const spread = (xs) => `${median(xs).toFixed(0)} (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;

async function once(name, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const { command, args: argv, env } = servers[name].spawn(dir);
  const transport = new StdioClientTransport({ command, args: argv, env: { ...process.env, ...env }, stderr: "ignore" });
  const client = new Client({ name: "strata-startup-bench", version: "1.0.0" });
  const spawned = performance.now();
  await client.connect(transport);
  const initializeMs = performance.now() - spawned;
  const latencies = [];
  try {
    await client.listTools();
    for (let call = 0; call < calls; call++) {
      const start = performance.now();
      const result = await servers[name].write(client, call);
      if (result.isError) throw new Error(JSON.stringify(result.content));
      latencies.push(performance.now() - start);
    }
  } finally {
    await client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { server: name, initialize_ms: initializeMs, first_write_ms: latencies[0], steady_write_ms: median(latencies.slice(1)) };
}

const order = baseExe ? ["strata", "base", "reference"] : ["strata", "reference"];
const results = [];
for (let run = 1; run <= runs; run++) {
  for (const name of order) {
    results.push({ run, ...await once(name, path.join(work, `${name}-${run}`)) });
  }
}
for (const name of order) {
  const mine = results.filter((r) => r.server === name);
  console.error(`${name}: initialize ${spread(mine.map((r) => r.initialize_ms))} ms, first write ${spread(mine.map((r) => r.first_write_ms))} ms, `
    + `steady write ${spread(mine.map((r) => r.steady_write_ms))} ms, first ÷ steady ${median(mine.map((r) => r.first_write_ms / r.steady_write_ms)).toFixed(2)}×`);
}
console.error(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(JSON.stringify({ runs: results }));
