// Reads Parquet files with DuckDB and prints, per file, what a test compares with what it exported:
// the row count, each column's DuckDB type, and a checksum per column computed by DuckDB itself.
//   node read-parquet.mjs FILE.parquet...            one JSON object per file, one per line
//   node read-parquet.mjs --sql "SELECT ..."          the rows of a query, as JSON (for dataset checks)
// Checksums, reproduced in C# by the tests (tests/Strata.Acceptance.Tests/Exports/ParquetChecksums.cs):
//   VARCHAR    md5 of the values in file order joined by U+001F, a null written as U+2400
//   BIGINT     sum and count of the non-null values; DOUBLE the same, the sum rounded to 6 decimals
//   BOOLEAN    count of true and count of non-null;  DATE  sum of days since 1970-01-01 and count
//   TIMESTAMP WITH TIME ZONE  sum of microseconds since the epoch and count
import { DuckDBInstance } from '@duckdb/node-api';

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run("SET TimeZone = 'UTC'");
// One thread keeps row_number() in file order, which the text checksums depend on.
await connection.run('SET threads = 1');

async function rows(sql) {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJson();
}

function quote(name) { return '"' + name.replaceAll('"', '""') + '"'; }
function literal(text) { return "'" + text.replaceAll("'", "''") + "'"; }

function checksum(column, type) {
  const c = quote(column);
  if (type === 'VARCHAR') {
    return `md5(coalesce(string_agg(coalesce(${c}, chr(9216)), chr(31) ORDER BY rn), ''))`;
  }
  if (type === 'BIGINT') return `concat(coalesce(sum(${c}), 0), '/', count(${c}))`;
  if (type === 'DOUBLE') return `concat(round(coalesce(sum(${c}), 0), 6), '/', count(${c}))`;
  if (type === 'BOOLEAN') return `concat(count_if(${c}), '/', count(${c}))`;
  if (type === 'DATE') return `concat(coalesce(sum(date_diff('day', DATE '1970-01-01', ${c})), 0), '/', count(${c}))`;
  if (type.startsWith('TIMESTAMP')) return `concat(coalesce(sum(epoch_us(${c})), 0), '/', count(${c}))`;
  return `'unsupported type ${type}'`;
}

const args = process.argv.slice(2);
if (args[0] === '--sql') {
  console.log(JSON.stringify(await rows(args[1])));
} else {
  for (const file of args) {
    const source = `read_parquet(${literal(file)})`;
    const columns = await rows(`SELECT column_name AS name, column_type AS type FROM (DESCRIBE SELECT * FROM ${source})`);
    const count = (await rows(`SELECT count(*) AS n FROM ${source}`))[0].n;
    const sums = columns.length === 0 ? {} : (await rows(
      `SELECT ${columns.map((col, i) => `${checksum(col.name, col.type)} AS c${i}`).join(', ')} ` +
      `FROM (SELECT *, row_number() OVER () AS rn FROM ${source})`))[0];
    console.log(JSON.stringify({
      file, rows: Number(count),
      columns: columns.map((col, i) => ({ name: col.name, type: col.type, checksum: String(sums['c' + i]) })),
    }));
  }
}
