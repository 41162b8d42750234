using System.Data.Common;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Strata.Core;
using Strata.Core.Observations;
using Strata.Core.Operations;
using Strata.Core.Sources;
using Strata.Formats;
using Strata.Postgres.Storage;
using Strata.Sqlite;

namespace Strata.Acceptance.Tests.Support;

/// <summary>A real Strata over a real database (SQLite file or PostgreSQL database) and blob folder, fresh per test.</summary>
public sealed class TestStrata : IDisposable
{
    private static readonly string[] Tables = ["users", "sources", "runs", "entities", "observations", "raw_fragments", "merges", "timeline_events", "schemas"];
    private readonly Func<DbConnection> _connect;
    private readonly Action _cleanup;

    private TestStrata(string backend, string dataDirectory, ManualClock clock, StrataServices services, Func<DbConnection> connect, Action cleanup)
    {
        Backend = backend;
        DataDirectory = dataDirectory;
        Clock = clock;
        Services = services;
        _connect = connect;
        _cleanup = cleanup;
    }

    public static TestStrata Create(string backend, long? maxUploadBytes = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "strata-test-" + Guid.NewGuid().ToString("N"));
        var clock = new ManualClock(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero));
        if (backend == Backends.Sqlite)
        {
            var services = EmbeddedStrata.Open(data, [new RulesInterpreter()], clock, maxUploadBytes);
            var file = Path.Combine(data, "strata.db");
            return new TestStrata(backend, data, clock, services, () => new SqliteConnection($"Data Source={file}"), SqliteConnection.ClearAllPools);
        }

        var connectionString = PostgresTestDatabase.CreateAsync().GetAwaiter().GetResult();
        var store = PostgresStrataStore.OpenAsync(connectionString, CancellationToken.None).GetAwaiter().GetResult();
        var options = new StrataOptions
        {
            SpoolDirectory = Path.Combine(data, "spool"),
            MaxUploadBytes = maxUploadBytes ?? StrataOptions.DefaultMaxUploadBytes,
        };
        var postgres = new StrataServices(store, new FileBlobStore(data), [new RulesInterpreter()], options, clock);
        return new TestStrata(backend, data, clock, postgres, () => new NpgsqlConnection(connectionString), () =>
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            PostgresTestDatabase.DropAsync(connectionString).GetAwaiter().GetResult();
        });
    }

    public string Backend { get; }

    public string DataDirectory { get; }

    public ManualClock Clock { get; }

    public StrataServices Services { get; }

    public async Task<string> UserAsync(string name) => (await Services.Users.EnsureAsync(name, CancellationToken.None)).Id;

    public Task<IngestResult> IngestTextAsync(string userId, string fileName, string content, string? type = null, bool interpret = true) =>
        Services.Ingest.IngestAsync(userId, new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(content)), fileName, null, type, interpret), CancellationToken.None);

    public Task<StoreResult> StoreAsync(string userId, string entitiesJson, int? priority = null, string? key = null) =>
        Services.Structured.StoreAsync(userId, new StoreRequest(JsonDocument.Parse(entitiesJson).RootElement.EnumerateArray().ToList(), priority, key), CancellationToken.None);

    public string BlobPath(string userId, string hash) => Path.Combine(DataDirectory, "sources", userId, hash);

    /// <summary>Row counts of every table and the blob files: equal fingerprints mean nothing changed.
    /// Read as the tables' owner, so it sees every user's rows.</summary>
    public string Fingerprint()
    {
        using var connection = _connect();
        connection.Open();
        var text = new StringBuilder();
        foreach (var table in Tables)
        {
            text.Append(table).Append('=').Append(connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}")).Append(' ');
        }
        var blobs = Directory.Exists(Path.Combine(DataDirectory, "sources"))
            ? Directory.GetFiles(Path.Combine(DataDirectory, "sources"), "*", SearchOption.AllDirectories).Length
            : 0;
        var spool = Directory.Exists(Path.Combine(DataDirectory, "spool")) ? Directory.GetFiles(Path.Combine(DataDirectory, "spool")).Length : 0;
        return text.Append("blobs=").Append(blobs).Append(" spool=").Append(spool).ToString();
    }

    /// <summary>One query's rows as text, to prove rows stayed identical.</summary>
    public List<string> Rows(string sql, object? parameters = null)
    {
        using var connection = _connect();
        connection.Open();
        return connection.Query(sql, parameters).Select(row => string.Join("|", ((IDictionary<string, object?>)row).Select(p => $"{p.Key}={p.Value}"))).ToList();
    }

    public void Dispose()
    {
        _cleanup();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
