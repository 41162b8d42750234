using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Strata.Core;
using Strata.Core.Observations;
using Strata.Core.Operations;
using Strata.Core.Sources;
using Strata.Formats;
using Strata.Sqlite;

namespace Strata.Acceptance.Tests.Support;

/// <summary>A real Strata over a real SQLite file and blob folder in a fresh temp directory.</summary>
public sealed class TestStrata : IDisposable
{
    public TestStrata(long? maxUploadBytes = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "strata-test-" + Guid.NewGuid().ToString("N"));
        Clock = new ManualClock(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero));
        Services = EmbeddedStrata.Open(DataDirectory, [new RulesInterpreter()], Clock, maxUploadBytes);
    }

    public string DataDirectory { get; }

    public ManualClock Clock { get; }

    public StrataServices Services { get; }

    public async Task<string> UserAsync(string name) => (await Services.Users.EnsureAsync(name, CancellationToken.None)).Id;

    public Task<IngestResult> IngestTextAsync(string userId, string fileName, string content, string? type = null, bool interpret = true) =>
        Services.Ingest.IngestAsync(userId, new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(content)), fileName, null, type, interpret), CancellationToken.None);

    public Task<StoreResult> StoreAsync(string userId, string entitiesJson, int? priority = null, string? key = null) =>
        Services.Structured.StoreAsync(userId, new StoreRequest(JsonDocument.Parse(entitiesJson).RootElement.EnumerateArray().ToList(), priority, key), CancellationToken.None);

    public string BlobPath(string userId, string hash) => Path.Combine(DataDirectory, "sources", userId, hash);

    /// <summary>Row counts of every table and the blob files: equal fingerprints mean nothing changed.</summary>
    public string Fingerprint()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, "strata.db")}");
        connection.Open();
        var text = new StringBuilder();
        foreach (var table in new[] { "users", "sources", "runs", "entities", "observations", "raw_fragments", "merges", "timeline_events", "schemas" })
        {
            text.Append(table).Append('=').Append(connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}")).Append(' ');
        }
        var blobs = Directory.Exists(Path.Combine(DataDirectory, "sources"))
            ? Directory.GetFiles(Path.Combine(DataDirectory, "sources"), "*", SearchOption.AllDirectories).Length
            : 0;
        var spool = Directory.Exists(Path.Combine(DataDirectory, "spool")) ? Directory.GetFiles(Path.Combine(DataDirectory, "spool")).Length : 0;
        return text.Append("blobs=").Append(blobs).Append(" spool=").Append(spool).ToString();
    }

    /// <summary>One table's rows as text, to prove rows stayed byte-identical.</summary>
    public List<string> Rows(string sql, object? parameters = null)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDirectory, "strata.db")}");
        connection.Open();
        return connection.Query(sql, parameters).Select(row => string.Join("|", ((IDictionary<string, object?>)row).Select(p => $"{p.Key}={p.Value}"))).ToList();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
