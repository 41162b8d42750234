// Parses a Cypher script with Neo4j's own grammar (npm @neo4j-cypher/language-support) and prints one JSON line:
// {"statements": n, "errors": [{"line", "message"}], "warnings": n}. Errors are syntax errors (severity 1); warnings
// (severity 2, e.g. performance hints) are counted only.
import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const script = readFileSync(process.argv[2], 'utf8');
const { diagnostics, symbolTables } = lintCypherQuery(script, {});
const errors = diagnostics.filter(d => d.severity === 1).map(d => ({ line: d.range.start.line, message: d.message }));
const warnings = diagnostics.filter(d => d.severity !== 1).length;
process.stdout.write(JSON.stringify({ statements: symbolTables.length, errors, warnings }) + '\n');
