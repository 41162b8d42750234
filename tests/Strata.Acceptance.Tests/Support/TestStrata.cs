using System.Data.Common;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Strata.Core;
using Strata.Core.Configuration;
using Strata.Core.Llm;
using Strata.Core.Storage;
using Strata.Core.Observations;
using Strata.Core.Operations;
using Strata.Core.Sources;
using Strata.Formats;
using Strata.Llm.Embeddings;
using Strata.Llm.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Postgres.Storage;
using Strata.Storage.Compliance;
using Strata.Sqlite;

namespace Strata.Acceptance.Tests.Support;

/// <summary>A real Strata over a real database (a SQLite file, or a PostgreSQL database of its own) and a blob
/// folder, fresh per test.</summary>
public sealed class TestStrata : IDisposable
{
    private readonly Func<DbConnection> _connect;
    private readonly string? _postgres;
    private readonly Action _cleanup;

    /// <param name="configurationJson">Written as the data directory's strata.json. Environment variables are not read,
    /// so tests running in parallel cannot change each other's settings.</param>
    /// <param name="llm">The model side (e.g. the fake provider's); none when null.</param>
    public TestStrata(long? maxUploadBytes = null, string? configurationJson = null, string backend = Backends.Sqlite,
        LlmHost? llm = null)
    {
        Backend = backend;
        DataDirectory = Path.Combine(Path.GetTempPath(), "strata-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        var configurationFile = Path.Combine(DataDirectory, EmbeddedStrata.ConfigurationFileName);
        if (configurationJson is not null) File.WriteAllText(configurationFile, configurationJson);
        var configuration = new ConfigurationBuilder().AddJsonFile(configurationFile, optional: true).Build();
        Clock = new ManualClock(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero));

        if (backend == Backends.Sqlite)
        {
            Services = EmbeddedStrata.Open(DataDirectory, [new RulesInterpreter()], Clock, new EmbeddedSettings
            {
                MaxUploadBytes = maxUploadBytes,
                Configuration = configuration,
                WrapBlobStore = files => Blobs = new FlakyBlobStore(files),
                Llm = llm,
                LlmSetup = LlmSetupFactory.Create(configuration, DataDirectory),
                ChatExports = new Strata.Formats.Chat.Import.ChatExports(),
                Documents = Strata.Formats.Documents.DocumentConverters.Default,
                Exports = Strata.Formats.Exports.TableFormats.Default,
                Embedder = EmbedderFactory.Create(configuration, Clock, NullLoggerFactory.Instance),
            });
            var file = Path.Combine(DataDirectory, "strata.db");
            _connect = () => new SqliteConnection($"Data Source={file}");
            _cleanup = SqliteConnection.ClearAllPools;
            return;
        }

        var connectionString = PostgresTestDatabase.CreateAsync().GetAwaiter().GetResult();
        _postgres = connectionString;
        var store = PostgresStrataStore.OpenAsync(connectionString, Clock, CancellationToken.None).GetAwaiter().GetResult();
        var options = StrataConfiguration.Apply(new StrataOptions
        {
            SpoolDirectory = Path.Combine(DataDirectory, "spool"),
            MaxUploadBytes = maxUploadBytes ?? StrataOptions.DefaultMaxUploadBytes,
        }, configuration) with { Llm = LlmSetupFactory.Create(configuration, DataDirectory) };
        Blobs = new FlakyBlobStore(new FileBlobStore(DataDirectory));
        Services = new StrataServices(store, Blobs, [new RulesInterpreter()], options, Clock, llm: llm,
            documents: Strata.Formats.Documents.DocumentConverters.Default, chatExports: new Strata.Formats.Chat.Import.ChatExports(),
            exports: Strata.Formats.Exports.TableFormats.Default, embedder: EmbedderFactory.Create(configuration, Clock, NullLoggerFactory.Instance));
        _connect = () => new NpgsqlConnection(connectionString);
        _cleanup = () =>
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            PostgresTestDatabase.DropAsync(connectionString).GetAwaiter().GetResult();
        };
    }

    public static TestStrata Create(string backend, long? maxUploadBytes = null, string? configurationJson = null,
        LlmHost? llm = null) =>
        new(maxUploadBytes, configurationJson, backend, llm);

    public string Backend { get; }

    /// <summary>Another store on this test's database, as a second process would open it (dispose it when done).</summary>
    /// <summary>The database a CLI child must be pointed at (<c>--database</c>); null on SQLite, where the data directory says it.</summary>
    public string? PostgresConnectionString => _postgres;

    public async Task<IStrataStore> OpenAnotherStoreAsync() => _postgres is null
        ? Strata.Sqlite.Storage.SqliteStrataStore.Open(Path.Combine(DataDirectory, "strata.db"), Clock)
        : await PostgresStrataStore.OpenAsync(_postgres, Clock, CancellationToken.None, migrate: false);

    public string DataDirectory { get; }

    public ManualClock Clock { get; }

    public StrataServices Services { get; }

    /// <summary>The blob store, which fails on purpose while <see cref="FlakyBlobStore.Failing"/> is set.</summary>
    public FlakyBlobStore Blobs { get; private set; } = null!;

    public async Task<string> UserAsync(string name) => (await Services.Users.EnsureAsync(name, CancellationToken.None)).Id;

    public Task<IngestResult> IngestTextAsync(string userId, string fileName, string content, string? type = null, bool interpret = true, bool wait = true) =>
        Services.Ingest.IngestAsync(userId, new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(content)), fileName, null, type, interpret, wait), CancellationToken.None);

    public Task<StoreResult> StoreAsync(string userId, string entitiesJson, int? priority = null, string? key = null) =>
        Services.Structured.StoreAsync(userId, new StoreRequest(JsonDocument.Parse(entitiesJson).RootElement.EnumerateArray().ToList(), priority, key), CancellationToken.None);

    /// <summary>Runs every job that is due now (at the test clock's time), as a worker would, then returns.</summary>
    public Task<int> RunDueJobsAsync() => Services.Jobs.DrainAsync("test-worker", CancellationToken.None);

    public async Task<RunView> RunAsync(string userId, string runId) =>
        (await Services.Sources.ListRunsAsync(userId, null, new Paging(Paging.MaxLimit), includeArchived: true, CancellationToken.None)).Runs.Single(r => r.RunId == runId);

    /// <summary>The file that holds a source's bytes: its gzipped copy where the blob store keeps one (a small payload that
    /// compresses), else the plain file (which may not exist).</summary>
    public string BlobPath(string userId, string hash)
    {
        var plain = Path.Combine(DataDirectory, "sources", userId, hash);
        var compressed = plain + FileBlobStore.CompressedSuffix;
        return File.Exists(compressed) ? compressed : plain;
    }

    public string UploadSpoolPath(string userId, string hash) => Path.Combine(DataDirectory, "spool", "uploads", userId, hash);

    /// <summary>Row counts of every table in the database's own catalogue (read as the tables' owner, so every user's
    /// rows), and the blob and spool files. The tables are not listed here: one added by a migration is counted the day
    /// it lands, so a "nothing changed" check sees leftovers in it without anyone remembering to add it.</summary>
    public SortedDictionary<string, long> Counts()
    {
        using var connection = Connect();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in connection.Query<string>(_postgres is null ? UserRows.SqliteTables : UserRows.PostgresTables).ToList())
        {
            counts[table] = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM \"{table}\"");
        }
        counts["blobs"] = Directory.Exists(Path.Combine(DataDirectory, "sources"))
            ? Directory.GetFiles(Path.Combine(DataDirectory, "sources"), "*", SearchOption.AllDirectories).Length
            : 0;
        counts["spool"] = Directory.Exists(Path.Combine(DataDirectory, "spool"))
            ? Directory.GetFiles(Path.Combine(DataDirectory, "spool"), "*", SearchOption.AllDirectories).Length
            : 0;
        return counts;
    }

    /// <summary>Bytes waiting in the database for their upload, every user's.</summary>
    public long PendingBytes()
    {
        using var connection = Connect();
        return connection.ExecuteScalar<long>("SELECT COALESCE(SUM(size), 0) FROM pending_bytes");
    }

    /// <summary>Every count as one line: equal fingerprints mean nothing changed.</summary>
    public string Fingerprint() => string.Join(' ', Counts().Select(c => $"{c.Key}={c.Value}"));

    /// <summary>One query's rows as text, to prove rows stayed identical.</summary>
    public List<string> Rows(string sql, object? parameters = null)
    {
        using var connection = Connect();
        return connection.Query(sql, parameters).Select(row => string.Join("|", ((IDictionary<string, object?>)row).Select(p => $"{p.Key}={p.Value}"))).ToList();
    }

    /// <summary>Writes straight to the database, for states only a crashed process leaves behind.</summary>
    public int Execute(string sql, object? parameters = null)
    {
        using var connection = Connect();
        return connection.Execute(sql, parameters);
    }

    private DbConnection Connect()
    {
        var connection = _connect();
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        _cleanup();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}
