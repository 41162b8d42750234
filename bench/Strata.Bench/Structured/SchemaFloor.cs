using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Strata.Sqlite.Storage;

namespace Strata.Bench.Structured;

/// <summary>
/// The least any code could spend writing what Strata keeps for a batch, in Strata's own schema: per entity its row
/// with the final snapshot, its observation and its search entry, plus a source and a run per batch, each with one
/// prepared INSERT and every value computed before the clock starts. What Strata costs above this is its code;
/// what this costs above <see cref="SqliteCeiling"/> is the data model (indexes, provenance, full-text search).
/// </summary>
public sealed class SchemaFloor : IDisposable
{
    private const string UserId = "usr_floor";
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _source, _run, _entity, _observation, _search;
    private int _batch;

    public SchemaFloor(string databasePath)
    {
        SqliteStrataStore.Open(databasePath, TimeProvider.System).Dispose(); // the schema, by Strata's own migrations
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        _connection.Open();
        // Configured as Strata configures its connections (Strata.Sqlite's PooledConnection), so the floor differs
        // from Strata only in the code above the SQL.
        Execute("""
            PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;
            PRAGMA cache_size = -32768; PRAGMA mmap_size = 268435456; PRAGMA wal_autocheckpoint = 10000; PRAGMA journal_size_limit = 67108864;
            INSERT INTO users (id, name, plan, created_at) VALUES ('usr_floor', 'floor', 'enterprise', '2024-01-01T00:00:00.0000000Z');
            """);
        _source = Prepare("""
            INSERT INTO sources (id, user_id, content_hash, byte_size, mime_type, storage_status, created_at)
            VALUES ($id, 'usr_floor', $id, 1, 'application/json', 'uploaded', $now)
            """);
        _run = Prepare("""
            INSERT INTO runs (id, user_id, source_id, interpreter, interpreter_version, config_json, config_hash, status, created_at)
            VALUES ($id, 'usr_floor', $source, 'structured', '1', '{}', '', 'completed', $now)
            """);
        _entity = Prepare("""
            INSERT INTO entities (id, user_row, entity_type, canonical_name, created_at, fields_json, provenance_json, observation_count,
                updated_at)
            VALUES ($id, (SELECT rowid FROM users WHERE id = 'usr_floor'), 'contact', $name, $now, $fields, $provenance, 1, $now)
            """);
        _observation = Prepare("""
            INSERT INTO observations (id, user_row, entity_id, entity_row, original_entity_id, source_id, run_row, kind, locator, priority,
                state, fields_json, observed_at, created_at)
            VALUES ($id, (SELECT rowid FROM users WHERE id = 'usr_floor'), $entity, last_insert_rowid(), '', $source,
                (SELECT seq FROM runs WHERE id = $run), 'structured', $locator, 100, 'accepted', $fields, $now, $now)
            """);
        // Both full-text indexes, as the store writes them (the row keeps no search text since migration 0530).
        _search = Prepare("""
            INSERT INTO entities_fts (rowid, search_text) VALUES (last_insert_rowid(), $search);
            INSERT INTO entities_words (rowid, search_text) VALUES (last_insert_rowid(), $search)
            """);
    }

    /// <summary>Every value of a batch's rows, computed outside the timing.</summary>
    public sealed record Batch(string SourceId, string RunId, string Now, List<string[]> Rows);

    public Batch Prepare(IReadOnlyList<JsonElement> entities)
    {
        var batch = _batch++.ToString(CultureInfo.InvariantCulture);
        var source = "src_" + Id("source" + batch);
        var run = "run_" + Id("run" + batch);
        var rows = new List<string[]>(entities.Count);
        for (var i = 0; i < entities.Count; i++)
        {
            var e = entities[i];
            var email = e.GetProperty("email").GetString()!;
            var entityId = "ent_" + Id(email);
            var observationId = "obs_" + run[4..12] + Id(run + entityId)[..16]; // as StrataIds: the run's part, then a hash
            var fields = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["name"] = e.GetProperty("name").GetString()!, ["email"] = email, ["company"] = e.GetProperty("company").GetString()!,
            }, Harness.BenchJsonContext.Default.DictionaryStringString);
            var provenance = $$"""{"name":"{{observationId}}","email":"{{observationId}}","company":"{{observationId}}"}""";
            var search = $"{email} {e.GetProperty("name").GetString()} {e.GetProperty("company").GetString()}".ToLowerInvariant();
            rows.Add([entityId, email, fields, provenance, search, observationId, "index:" + i]);
        }
        return new Batch(source, run, DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), rows);
    }

    public void Write(Batch batch)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        foreach (var command in new[] { _source, _run, _entity, _observation, _search }) command.Transaction = transaction;
        Run(_source, ("$id", batch.SourceId), ("$now", batch.Now));
        Run(_run, ("$id", batch.RunId), ("$source", batch.SourceId), ("$now", batch.Now));
        foreach (var row in batch.Rows)
        {
            Run(_entity, ("$id", row[0]), ("$name", row[1]), ("$now", batch.Now), ("$fields", row[2]), ("$provenance", row[3]));
            Run(_search, ("$search", row[4]));
            Run(_observation, ("$id", row[5]), ("$entity", row[0]), ("$source", batch.SourceId), ("$run", batch.RunId),
                ("$locator", row[6]), ("$fields", row[2]), ("$now", batch.Now));
        }
        transaction.Commit();
    }

    private static void Run(SqliteCommand command, params ReadOnlySpan<(string Name, string Value)> values)
    {
        foreach (var (name, value) in values) command.Parameters[name].Value = value;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in System.Text.RegularExpressions.Regex.Matches(sql, @"\$[a-z]+").Select(m => m.Value).Distinct())
        {
            command.Parameters.Add(name, SqliteType.Text);
        }
        command.Prepare();
        return command;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Id(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];

    public void Dispose()
    {
        foreach (var command in new[] { _source, _run, _entity, _observation, _search }) command.Dispose();
        _connection.Dispose();
    }
}
