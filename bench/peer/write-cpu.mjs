// The memory server's create_entities alone, as the peer bench calls it (50 entities a call, three observations each),
// with the CPU the server process spent per call, read from /proc (less sensitive to the machine's load than latency).
// Usage: node write-cpu.mjs profile|peer STRATA_EXE DIR [CALLS=40]   (DIR is emptied first: give a scratch folder)
//   W_DELAY=ms waits that long after tools/list before the first call; W_THREADS=1 prints the busiest threads' CPU;
//   W_KEEP=1 keeps DIR as it is (a store made by an earlier run: start-up without migrations, as a user's next session);
//   W_FROM=n numbers the people written from n (with W_KEEP, past those the earlier run wrote).
// Prints one JSON line: the first call's latency, the p50 of the others, and the CPU per call after the first.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { performance } from "node:perf_hooks";
import { createRequire } from "node:module";
import fs from "node:fs"; import path from "node:path";
const [,, which, exe, dir, callsArg] = process.argv;
const calls = Number(callsArg ?? 40);
if (!process.env.W_KEEP) fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const names = JSON.parse(fs.readFileSync(new URL("../Strata.Bench/Workloads/names.json", import.meta.url), "utf8"));
const companies = names.company_prefixes.length * names.company_kinds.length;
const person = (i) => { const first = names.first_names[i % names.first_names.length]; const last = names.last_names[Math.floor(i / names.first_names.length) % names.last_names.length];
  const company = (i * 7919) % companies; return { name: `${first} ${last}`, email: `${first.toLowerCase()}.${last.toLowerCase()}.${i}@example.com`,
  company: `${names.company_prefixes[Math.floor(company / names.company_kinds.length)]} ${names.company_kinds[company % names.company_kinds.length]}`, title: `Title ${i % 17}` }; };
const peerJs = path.join(path.dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/server-memory/package.json")), "dist", "index.js");
const transport = which === "peer"
  ? new StdioClientTransport({ command: process.execPath, args: [peerJs], env: { ...process.env, MEMORY_FILE_PATH: path.join(dir, "memory.jsonl") }, stderr: "ignore" })
  : new StdioClientTransport({ command: exe, args: ["mcp", "--profile", "memory-server", "--data-dir", path.join(dir, "strata"), "--user", "bench"], env: { ...process.env }, stderr: "ignore" });
const client = new Client({ name: "w", version: "1" });
await client.connect(transport);
await client.listTools();
if (process.env.W_DELAY) await new Promise((r) => setTimeout(r, Number(process.env.W_DELAY)));
const pid = transport.pid;
const cpu = () => { const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" "); return (Number(f[11]) + Number(f[12])) * 10; };
const lat = []; let c0, cFirst;
for (let k = 0; k < calls; k++) {
  if (k === 1) c0 = cpu();
  const people = Array.from({ length: 50 }, (_, j) => person(Number(process.env.W_FROM ?? 0) + k * 50 + j));
  const s = performance.now();
  const r = await client.callTool({ name: "create_entities", arguments: { entities: people.map((p) => ({ name: p.name, entityType: "person", observations: [`email ${p.email}`, `works at ${p.company}`, p.title] })) } });
  if (r.isError) throw new Error(JSON.stringify(r.content));
  lat.push(performance.now() - s);
}
const c1 = cpu();
const threads = fs.readdirSync(`/proc/${pid}/task`).map((t) => { const raw = fs.readFileSync(`/proc/${pid}/task/${t}/stat`, "utf8"); const name = raw.slice(raw.indexOf("(") + 1, raw.lastIndexOf(")")); const f = raw.split(") ")[1].split(" "); return [name, (Number(f[11]) + Number(f[12])) * 10]; }).sort((a, b) => b[1] - a[1]).slice(0, 6);
if (process.env.W_THREADS) console.error(JSON.stringify(threads));
const sorted = lat.slice(1).sort((a, b) => a - b);
console.log(JSON.stringify({ which, calls, first_ms: +lat[0].toFixed(1), p50_ms: +sorted[Math.floor(sorted.length / 2)].toFixed(2), cpu_ms_per_call: +((c1 - c0) / (calls - 1)).toFixed(2) }));
await client.close();
