using System.Text.Json.Nodes;
using Dapper;
using Npgsql;
using Strata.Bench.Peer;

namespace Strata.Bench.Disk;

/// <summary>One b-tree, heap, index or folder of a store and the bytes it takes; <paramref name="Table"/> is the table an
/// index belongs to (the part's own name for a table).</summary>
public sealed record StorePart(string Name, string Kind, string Table, long Bytes);

/// <summary>
/// Where a store's bytes are, part by part: SQLite's pages from <c>dbstat</c> (each table and index, FTS5's shadow
/// tables as the tables they are, pages on the free list), PostgreSQL's <c>pg_table_size</c> (heap with its TOAST, free
/// space and visibility maps) and <c>pg_relation_size</c> of each index; plus the files beside the database (payloads
/// kept as blobs), by their top folder.
/// </summary>
public static class StoreBytes
{
    /// <summary>By Debian's <c>sqlite3</c> shell: the SQLite bundled with Microsoft.Data.Sqlite is built without <c>dbstat</c>.</summary>
    public static async Task<List<StorePart>> OfSqliteAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var database = Path.Combine(dataDirectory, "strata.db");
        const string Query = """
            SELECT s.name AS name, COALESCE(m.type, 'table') AS kind, COALESCE(m.tbl_name, s.name) AS owner, SUM(s.pgsize) AS bytes
            FROM dbstat s LEFT JOIN sqlite_schema m ON m.name = s.name GROUP BY s.name
            UNION ALL
            SELECT '(free pages)', 'free', '(free pages)', (SELECT freelist_count FROM pragma_freelist_count) * (SELECT page_size FROM pragma_page_size)
            """;
        var (exit, output, errors) = await PeerBenchmark.RunAsync("sqlite3", ["-readonly", "-json", database, Query], dataDirectory,
            TimeSpan.FromMinutes(10), cancellationToken);
        if (exit != 0) throw new InvalidOperationException($"sqlite3 exited {exit}: {errors.Trim()}");
        var parts = JsonNode.Parse(output)!.AsArray()
            .Select(row => new StorePart((string)row!["name"]!, (string)row["kind"]!, (string)row["owner"]!, (long)row["bytes"]!))
            .ToList();
        parts.AddRange(FilesBeside(dataDirectory, name => name.StartsWith("strata.db", StringComparison.Ordinal)));
        return parts;
    }

    public static async Task<List<StorePart>> OfPostgresAsync(string connectionString, string dataDirectory, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var parts = (await connection.QueryAsync<(string Name, string Kind, string Table, long Bytes)>(new CommandDefinition("""
            SELECT c.relname, CASE c.relkind WHEN 'i' THEN 'index' ELSE 'table' END, COALESCE(t.relname, c.relname),
                   CASE c.relkind WHEN 'i' THEN pg_relation_size(c.oid) ELSE pg_table_size(c.oid) END
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_index i ON i.indexrelid = c.oid
            LEFT JOIN pg_class t ON t.oid = i.indrelid
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
              AND c.relkind IN ('r', 'i', 'm', 'p')
            """, cancellationToken: cancellationToken))).Select(p => new StorePart(p.Name, p.Kind, p.Table, p.Bytes)).ToList();
        parts.AddRange(FilesBeside(dataDirectory, _ => false));
        return parts;
    }

    /// <summary>Every file under the data directory but the database's own, summed by its top folder (or as itself).</summary>
    private static IEnumerable<StorePart> FilesBeside(string dataDirectory, Func<string, bool> isDatabase)
    {
        if (!Directory.Exists(dataDirectory)) return [];
        return Directory.EnumerateFiles(dataDirectory, "*", SearchOption.AllDirectories)
            .Select(file => (Top: Path.GetRelativePath(dataDirectory, file).Split(Path.DirectorySeparatorChar)[0], Bytes: new FileInfo(file).Length))
            .Where(f => !isDatabase(f.Top))
            .GroupBy(f => f.Top)
            .Select(g => new StorePart($"{g.Key} (files)", "files", $"{g.Key} (files)", g.Sum(f => f.Bytes)));
    }
}
