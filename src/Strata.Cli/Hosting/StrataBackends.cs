using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Strata.Core;
using Strata.Core.Configuration;
using Strata.Core.Interpretation;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Llm.Hosting;
using Strata.Postgres.Storage;
using Strata.S3;
using Strata.Sqlite;
using Strata.Sqlite.Storage;

namespace Strata.Cli.Hosting;

/// <summary>
/// Chooses the storage a process runs on. The embedded default (SQLite and files in the data directory) unless
/// a PostgreSQL database is named (<c>--database</c> or <c>STRATA_DATABASE_URL</c>) and/or an S3 bucket
/// (<c>STRATA_S3_BUCKET</c> and the other <c>STRATA_S3_*</c> settings). The data directory still holds the spool
/// and strata.json whatever the backend.
/// </summary>
internal static class StrataBackends
{
    public sealed record Choice(string DataDirectory, string? DatabaseUrl, S3BlobStoreOptions? S3)
    {
        public string DatabaseDescription => DatabaseUrl is null
            ? $"SQLite at {Path.Combine(Path.GetFullPath(DataDirectory), "strata.db")}"
            : $"PostgreSQL ({PostgresConnectionString.Redacted(PostgresConnectionString.From(DatabaseUrl))})";

        public string BlobDescription => S3 is null
            ? $"files under {Path.Combine(Path.GetFullPath(DataDirectory), "sources")}"
            : $"S3 bucket {S3.Bucket}{(S3.ServiceUrl is null ? "" : " at " + S3.ServiceUrl)}";
    }

    public static Choice Choose(string dataDirectory, string? databaseUrl) =>
        new(dataDirectory, databaseUrl, S3BlobStoreOptions.FromEnvironment());

    public static async Task<StrataServices> OpenAsync(Choice choice, IConfiguration configuration, IEnumerable<IInterpreter> interpreters,
        ILoggerFactory loggers, long? maxUploadBytes, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(choice.DataDirectory);
        Directory.CreateDirectory(root);
        var clock = TimeProvider.System;
        // The database opens (and on a new or older store, migrates) on its own thread while the rest is set up here:
        // on a new SQLite store the migrations are most of the open, and nothing below needs the database.
        var opening = Task.Run(() => OpenStoreAsync(choice, root, configuration, clock, cancellationToken), cancellationToken);
        StrataServices services;
        try
        {
            IBlobStore blobs = choice.S3 is null
                ? new FileBlobStore(root)
                : new S3BlobStore(choice.S3, loggers.CreateLogger<S3BlobStore>());
            var options = StrataConfiguration.Apply(new StrataOptions
            {
                SpoolDirectory = Path.Combine(root, "spool"),
                MaxUploadBytes = maxUploadBytes ?? StrataOptions.DefaultMaxUploadBytes,
            }, configuration) with
            {
                Llm = LlmSetupFactory.Create(configuration, root),
            };
            var models = LlmModels.Create(configuration, clock, loggers);
            var embedder = Strata.Llm.Embeddings.EmbedderFactory.Create(configuration, clock, loggers);
            services = new StrataServices(await opening, blobs, interpreters, options, clock, loggers, models,
                Strata.Formats.Documents.DocumentConverters.Default, new Strata.Formats.Chat.Import.ChatExports(),
                Strata.Formats.Exports.TableFormats.Default, embedder);
        }
        catch
        {
            // A bad setting found while the database was opening: close what opened rather than leave it open.
            if (opening.IsCompletedSuccessfully) await CloseAsync(opening.Result);
            else _ = opening.ContinueWith(t => CloseAsync(t.Result), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            throw;
        }
        return services;
    }

    private static async Task<IStrataStore> OpenStoreAsync(Choice choice, string root, IConfiguration configuration, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var busyTimeout = LimitsConfiguration.Read(configuration).BusyTimeout;
        return choice.DatabaseUrl is null
            ? SqliteStrataStore.Open(Path.Combine(root, "strata.db"), clock, busyTimeout)
            : await PostgresStrataStore.OpenAsync(choice.DatabaseUrl, clock, cancellationToken, lockTimeout: busyTimeout);
    }

    /// <summary>Closes a store this process opened (SQLite then checkpoints and removes its write-ahead log).</summary>
    public static async Task CloseAsync(IStrataStore store)
    {
        switch (store)
        {
            case IAsyncDisposable asynchronous: await asynchronous.DisposeAsync(); break;
            case IDisposable synchronous: synchronous.Dispose(); break;
        }
    }

    /// <summary>Applies pending database migrations and makes sure the bucket exists; says what it did.</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(Choice choice, CancellationToken cancellationToken)
    {
        var done = new List<string>();
        if (choice.DatabaseUrl is null)
        {
            var path = Path.Combine(Path.GetFullPath(choice.DataDirectory), "strata.db");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var applied = SqliteStrataStore.Migrate(path, TimeProvider.System);
            done.Add($"{choice.DatabaseDescription}: {applied} migration(s) applied");
        }
        else
        {
            await using var dataSource = Npgsql.NpgsqlDataSource.Create(PostgresConnectionString.From(choice.DatabaseUrl));
            var applied = await PostgresStrataStore.MigrateAsync(dataSource, cancellationToken);
            done.Add($"{choice.DatabaseDescription}: {applied} migration(s) applied");
        }
        if (choice.S3 is not null)
        {
            using var s3 = new S3BlobStore(choice.S3);
            var created = await s3.EnsureBucketAsync(cancellationToken);
            done.Add($"{choice.BlobDescription}: {(created ? "created" : "already there")}");
        }
        return done;
    }
}
