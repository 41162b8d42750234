using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Strata.Bench.Harness;
using Strata.Bench.Workloads;
using Strata.Sqlite.Storage;

namespace Strata.Bench.Reads;

/// <summary>
/// The entity trigram index with and without positions (issue 32; SQLite migration 0480), side by side in one file:
/// the contacts' search texts at 100,000 (2,000 with --quick) in two contentless trigram tables, one as before 0480
/// (positions kept; a piece of a word asked as the phrase of its trigrams), one as after (FTS5 detail=none; asked as
/// its trigrams, each row's text checked for the word, <see cref="TrigramQuery"/>). Each question is asked of both in
/// turn, the first page of 50 newest: full names, companies, pieces of surnames and the start of emails. Reports the
/// bytes of each index's postings and p50/p95 per kind, and fails if the two ever answer differently.
/// </summary>
public sealed class TrigramMatchBenchmark : IBenchmark
{
    public string Name => "trigram-match";

    public string Description => "the entity trigram index with positions (as before migration 0480) and without: bytes and first-page latency, same answers";

    public Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var report = new Report(Name, settings.Quick);
        var size = settings.Pick(100_000, 2_000);
        using var workspace = new Workspace("trigram-match");
        using var connection = new SqliteConnection($"Data Source={workspace.PathOf("trigrams.db")};Pooling=False");
        connection.Open();
        Execute(connection, """
            CREATE TABLE e (rowid INTEGER PRIMARY KEY, search_text TEXT NOT NULL);
            CREATE VIRTUAL TABLE positions USING fts5 (search_text, tokenize = 'trigram', content = '', contentless_delete = 1);
            CREATE VIRTUAL TABLE no_positions USING fts5 (search_text, tokenize = 'trigram', content = '', contentless_delete = 1, detail = none);
            """);
        var texts = Enumerable.Range(0, size).Select(Text).ToArray();
        using (var transaction = connection.BeginTransaction())
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO e (rowid, search_text) VALUES ($rowid, $text)";
            var rowid = insert.Parameters.Add("$rowid", SqliteType.Integer);
            var text = insert.Parameters.Add("$text", SqliteType.Text);
            for (var i = 0; i < size; i++)
            {
                (rowid.Value, text.Value) = (i + 1L, texts[i]);
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
        }
        Execute(connection, "INSERT INTO positions (rowid, search_text) SELECT rowid, search_text FROM e; INSERT INTO no_positions (rowid, search_text) SELECT rowid, search_text FROM e");
        var withBytes = Scalar(connection, "SELECT sum(length(block)) FROM positions_data");
        var withoutBytes = Scalar(connection, "SELECT sum(length(block)) FROM no_positions_data");
        report.Json["entities"] = size;
        report.Figure("positions_bytes_per_entity", (double)withBytes / size, "postings with positions", "bytes/entity");
        report.Figure("no_positions_bytes_per_entity", (double)withoutBytes / size, "postings without positions", "bytes/entity");
        report.Figure("bytes_ratio", (double)withoutBytes / withBytes, "without ÷ with", "×");

        var random = new Random(5);
        var questions = new List<(string Kind, string Text)>();
        for (var i = 0; i < settings.Pick(300, 50); i++)
        {
            var person = random.Next(size);
            questions.Add(("full_name", EntityCorpus.FullName(person).ToLowerInvariant()));
            questions.Add(("company", EntityCorpus.Company(person).ToLowerInvariant()));
            var surname = EntityCorpus.LastName(person).ToLowerInvariant();
            questions.Add(("piece", surname.Length > 4 ? surname[1..^1] : surname));
            var email = EntityCorpus.Email(person);
            questions.Add(("email", email[..Math.Min(12, email.Length)]));
        }
        var latencies = new Dictionary<string, Latencies>();
        var differ = 0;
        for (var round = 0; round < 4; round++)
        {
            foreach (var (kind, text) in questions)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var (before, beforeTime) = Page(connection, "positions", "", ("$match", TrigramQuery.Match(words)));
                var checks = string.Concat(words.Select((_, i) => $" AND instr(e.search_text, $word{i}) > 0"));
                var (after, afterTime) = Page(connection, "no_positions", checks,
                    [("$match", TrigramQuery.Match(words.SelectMany(TrigramQuery.Trigrams).Distinct())), .. words.Select((w, i) => ($"$word{i}", w))]);
                if (before != after) differ++;
                if (round == 0) continue; // the first round warms the page cache
                Add(latencies, "with_" + kind, beforeTime);
                Add(latencies, "without_" + kind, afterTime);
            }
        }
        foreach (var kind in questions.Select(q => q.Kind).Distinct())
        {
            var with = latencies["with_" + kind].Summarize();
            var without = latencies["without_" + kind].Summarize();
            report.Figure($"{kind}_with_p95_ms", with.P95Ms, $"{kind.Replace('_', ' ')}: with positions p95", "ms", $"p50 {with.P50Ms:0.###} ms");
            report.Figure($"{kind}_without_p95_ms", without.P95Ms, $"{kind.Replace('_', ' ')}: without p95", "ms", $"p50 {without.P50Ms:0.###} ms");
            report.Figure($"{kind}_p50_ratio", without.P50Ms / with.P50Ms, $"{kind.Replace('_', ' ')}: without ÷ with, p50", "×");
        }
        if (differ > 0) report.Failures.Add($"{differ} questions found different entities with and without positions");
        return Task.FromResult(report);
    }

    /// <summary>A contact's search text as the store writes it: its email (the canonical name) and its values, lower-cased.</summary>
    private static string Text(int index) =>
        $"{EntityCorpus.Email(index)} {EntityCorpus.FullName(index)} {EntityCorpus.Company(index)} title {index % 50}".ToLowerInvariant();

    /// <summary>The first page of 50 newest rows of <paramref name="table"/> matching $match and meeting
    /// <paramref name="checks"/> (the rows' ids joined), and how long it took.</summary>
    private static (string Rows, TimeSpan Elapsed) Page(SqliteConnection connection, string table, string checks, params (string Name, string Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT group_concat(hit) FROM (SELECT e.rowid AS hit FROM {table} f CROSS JOIN e ON e.rowid = f.rowid WHERE f.{table} MATCH $match{checks} ORDER BY e.rowid DESC LIMIT 50)";
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        var start = Stopwatch.GetTimestamp();
        var rows = command.ExecuteScalar() as string ?? "";
        return (rows, Stopwatch.GetElapsedTime(start));
    }

    private static void Add(Dictionary<string, Latencies> latencies, string key, TimeSpan elapsed)
    {
        if (!latencies.TryGetValue(key, out var list)) latencies[key] = list = new Latencies(1_000);
        list.Add(elapsed);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
