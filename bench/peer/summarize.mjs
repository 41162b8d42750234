// Reads the JSON line peer-bench.mjs prints last (from a file or stdin) and prints, per size, each figure's median
// (min-max) for both servers and the Strata / reference ratio taken round by round (the two ran back to back), then
// its median (min-max). Usage: node peer-bench.mjs ... | tail -1 | node summarize.mjs   (or: node summarize.mjs FILE)
import fs from "node:fs";

const text = fs.readFileSync(process.argv[2] ?? 0, "utf8").trim().split("\n").at(-1);
const { runs } = JSON.parse(text);
const figures = [
  ["initialize_ms", "start-up to initialize answered, ms", (r) => r.initialize_ms],
  ["writes_per_s", "writes, entities/s", (r) => r.writes_per_s],
  ["relations_per_s", "relations, relations/s", (r) => r.relations_per_s ?? NaN],
  ["first_write_ratio", "first write call ÷ call p50", (r) => r.first_write_ms / r.write_batch.p50_ms],
  ["write_p50_ms", "write call p50, ms", (r) => r.write_batch.p50_ms],
  ["relate_p50_ms", "relation call p50, ms", (r) => r.relate_batch?.p50_ms ?? NaN],
  ["read_p95_ms", "read p95, ms", (r) => r.read.p95_ms],
  ["search_p50_ms", "search p50, ms", (r) => r.search.p50_ms],
  ["search_p95_ms", "search p95, ms", (r) => r.search.p95_ms],
  ["disk_bytes_per_entity", "disk after close, bytes per entity", (r) => r.disk_bytes_per_entity],
];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const round = (x) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
const spread = (xs) => `${round(median(xs))} (${round(Math.min(...xs))}–${round(Math.max(...xs))})`;

for (const size of [...new Set(runs.map((r) => r.size))]) {
  const peer = runs.filter((r) => r.size === size && r.server === "peer").sort((a, b) => a.round - b.round);
  // Strata's own tools, and the compatibility profile running the reference's own calls, each against the reference.
  for (const name of ["strata", "profile"]) {
    const strata = runs.filter((r) => r.size === size && r.server === name).sort((a, b) => a.round - b.round);
    if (strata.length === 0) continue;
    console.log(`${size} entities, ${name}, ${strata.length} rounds`);
    for (const [, label, read] of figures) {
      const ratios = strata.map((s, i) => (peer[i] ? read(s) / read(peer[i]) : NaN)).filter((x) => !Number.isNaN(x));
      if (ratios.length === 0 && strata.every((s) => Number.isNaN(read(s)))) continue;
      console.log(`  ${label}: ${name} ${spread(strata.map(read))}, reference ${spread(peer.map(read))}, ratio ${spread(ratios)}`);
    }
  }
}
