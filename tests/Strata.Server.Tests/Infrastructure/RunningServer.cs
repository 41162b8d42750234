using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Strata.Core;
using Strata.Core.Configuration;
using Strata.Core.Sources;
using Strata.Formats;
using Strata.Llm.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Core.Storage;
using Strata.Postgres.Storage;
using Strata.Sqlite;
using Strata.Sqlite.Storage;
using Strata.Storage.Compliance;

namespace Strata.Server.Tests.Infrastructure;

/// <summary>The real server on a free loopback port, over a real SQLite store in its own temp folder or a fresh
/// PostgreSQL database of its own (blobs in the temp folder either way).</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly TempDirectory _data;
    private readonly WebApplication _app;
    private readonly PostgresStrataStore? _postgres;

    private RunningServer(TempDirectory data, WebApplication app, StrataServices services, Uri baseAddress, Backend backend,
        string? databaseUrl, PostgresStrataStore? postgres)
    {
        _data = data;
        _app = app;
        Services = services;
        BaseAddress = baseAddress;
        Backend = backend;
        DatabaseUrl = databaseUrl;
        _postgres = postgres;
    }

    public Backend Backend { get; }

    /// <summary>The PostgreSQL database this server runs on (null on SQLite).</summary>
    public string? DatabaseUrl { get; }

    public StrataServices Services { get; }

    public Uri BaseAddress { get; }

    /// <summary>The server's data folder (the SQLite file, blobs, the LLM key file).</summary>
    public string DataDirectory => _data.Path;

    public Uri McpEndpoint => new(BaseAddress, "/mcp");

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <param name="worker">Run the worker loops in the server, as <c>strata serve</c> does unless <c>--no-worker</c>.</param>
    /// <param name="settings">Configuration such as <c>Plans:free:InterpretationsPerMonth</c>, as strata.json would give it.</param>
    /// <param name="wrapBlobStore">Wraps the blob store, e.g. to make it fail on purpose.</param>
    /// <param name="mcpSessionIdleTimeout">How long an unused MCP session is kept (30 minutes unless a test needs it short).</param>
    public static async Task<RunningServer> StartAsync(long? maxUploadBytes = null, bool worker = true,
        IReadOnlyDictionary<string, string?>? settings = null, Func<IBlobStore, IBlobStore>? wrapBlobStore = null, Backend backend = Backend.Sqlite,
        TimeSpan? mcpSessionIdleTimeout = null, Strata.Server.Auth.OAuth.OAuthSettings? oauth = null,
        Strata.Server.Monitoring.TracingOptions? tracing = null, bool llmRuns = false)
    {
        var data = new TempDirectory();
        // Only what the test gives: a developer's STRATA_ variables must not change what the tests see.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        string? databaseUrl = null;
        PostgresStrataStore? postgres = null;
        StrataServices services;
        if (backend == Backend.Sqlite)
        {
            services = EmbeddedStrata.Open(data.Path, [new RulesInterpreter()], TimeProvider.System, new EmbeddedSettings
            {
                MaxUploadBytes = maxUploadBytes,
                Configuration = configuration,
                WrapBlobStore = wrapBlobStore,
                Llm = llmRuns ? LlmModels.Create(configuration, TimeProvider.System, NullLoggerFactory.Instance) : null,
                LlmSetup = LlmSetupFactory.Create(configuration, data.Path),
                ChatExports = new Strata.Formats.Chat.Import.ChatExports(),
                Documents = Strata.Formats.Documents.DocumentConverters.Default,
                Exports = Strata.Formats.Exports.TableFormats.Default,
                Embedder = Strata.Llm.Embeddings.EmbedderFactory.Create(configuration, TimeProvider.System, NullLoggerFactory.Instance),
            });
        }
        else
        {
            databaseUrl = await PostgresTestDatabase.CreateAsync();
            postgres = await PostgresStrataStore.OpenAsync(databaseUrl, TimeProvider.System, CancellationToken.None,
                lockTimeout: LimitsConfiguration.Read(configuration).BusyTimeout);
            IBlobStore blobs = new FileBlobStore(data.Path);
            if (wrapBlobStore is not null) blobs = wrapBlobStore(blobs);
            var options = StrataConfiguration.Apply(new StrataOptions
            {
                SpoolDirectory = Path.Combine(data.Path, "spool"),
                MaxUploadBytes = maxUploadBytes ?? StrataOptions.DefaultMaxUploadBytes,
            }, configuration) with { Llm = LlmSetupFactory.Create(configuration, data.Path) };
            services = new StrataServices(postgres, blobs, [new RulesInterpreter()], options, TimeProvider.System,
                documents: Strata.Formats.Documents.DocumentConverters.Default, chatExports: new Strata.Formats.Chat.Import.ChatExports(),
                exports: Strata.Formats.Exports.TableFormats.Default,
                llm: llmRuns ? LlmModels.Create(configuration, TimeProvider.System, NullLoggerFactory.Instance) : null,
                embedder: Strata.Llm.Embeddings.EmbedderFactory.Create(configuration, TimeProvider.System, NullLoggerFactory.Instance));
        }
        var app = StrataHost.Build(services, new StrataHostOptions { Urls = "http://127.0.0.1:0", RunWorker = worker, McpSessionIdleTimeout = mcpSessionIdleTimeout ?? TimeSpan.FromMinutes(30), OAuth = oauth, Tracing = tracing }, logging => logging.ClearProviders());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new RunningServer(data, app, services, new Uri(address), backend, databaseUrl, postgres);
    }

    /// <summary>A connection straight to the server's database as the tables' owner (past row-level security), to check
    /// what is stored; unpooled, so nothing of the test's stays open on the file or the server once it is disposed.</summary>
    public async Task<System.Data.Common.DbConnection> OpenDatabaseAsync()
    {
        System.Data.Common.DbConnection connection = Backend == Backend.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(DataDirectory, "strata.db")};Pooling=False")
            : new Npgsql.NpgsqlConnection(PostgresConnectionString.From(DatabaseUrl!) + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Creates a user with an API key, as <c>strata users create</c> does.</summary>
    public async Task<string> CreateUserAsync(string name) => (await Services.Users.CreateAsync(name, null, CancellationToken.None)).ApiKey;

    /// <summary>The duplicate scan a worker runs periodically, run now for the key's owner.</summary>
    public async Task ScanDuplicatesAsync(string apiKey)
    {
        var user = await Services.Users.AuthenticateAsync(apiKey, CancellationToken.None) ?? throw new ArgumentException("Not a valid API key.", nameof(apiKey));
        await Services.Duplicates.ScanAsync(user.Id, CancellationToken.None);
    }

    public HttpClient Client(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
            await PostgresTestDatabase.DropAsync(DatabaseUrl!);
        }
        _data.Dispose();
    }
}
