using System.Diagnostics;
using System.Text.Json;
using Strata.Bench.Harness;
using Strata.Core;
using Strata.Core.Archive;
using Strata.Core.Observations;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.Formats;
using Strata.Postgres.Storage;
using Strata.Storage.Compliance;

namespace Strata.Bench.Archive;

/// <summary>
/// The portable archive at 100,000 entities (2,000 with --quick), both directions: SQLite → PostgreSQL and back.
/// Each direction times export + import of the archive against a plain table copy of the same rows in the same run:
/// every carried table read from one store and written to a fresh other one, row by row in one transaction, with no
/// ZIP, JSON, checksum or blob. The figure is copy time / archive time (goal ≥ 0.3: the archive costs at most about
/// three times a bare copy).
/// </summary>
public sealed class ArchiveBenchmark : IBenchmark
{
    public const double Goal = 0.3;
    private const int EntitiesPerCall = 500;

    public string Name => "archive";

    public string Description => "archive export + import of a 100,000-entity store, SQLite → PostgreSQL and back, against a plain table copy";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var entities = settings.Pick(100_000, 2_000);
        using var workspace = new Workspace("archive");
        var origin = await StrataHost.OpenAsync(workspace.Folder("origin"), cancellationToken);
        for (var first = 0; first < entities; first += EntitiesPerCall)
        {
            var batch = Enumerable.Range(first, Math.Min(EntitiesPerCall, entities - first))
                .Select(i => Json($$"""{"entity_type":"contact","name":"Person {{i}}","email":"person{{i}}@example.com","phone":"555 {{i:D6}}"}""")).ToList();
            await origin.Services.Structured.StoreAsync(origin.UserId, new StoreRequest(batch), cancellationToken);
        }
        var report = new Report(Name, settings.Quick);
        report.Json["entities"] = entities;
        report.Json["load_before"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "";

        var url = await PostgresTestDatabase.CreateAsync();
        var copyUrl = await PostgresTestDatabase.CreateAsync();
        try
        {
            var postgres = await OpenPostgresAsync(url, workspace.Folder("pg"), origin.Services, cancellationToken);
            var postgresCopy = await OpenPostgresAsync(copyUrl, workspace.Folder("pg-copy"), origin.Services, cancellationToken);
            await DirectionAsync(report, "sqlite_to_postgres", origin.Services, postgres, postgresCopy, origin.UserId, workspace, cancellationToken);

            var back = await StrataHost.OpenAsync(workspace.Folder("back"), cancellationToken);
            var backCopy = await StrataHost.OpenAsync(workspace.Folder("back-copy"), cancellationToken);
            await DirectionAsync(report, "postgres_to_sqlite", postgres, back.Services, backCopy.Services, origin.UserId, workspace, cancellationToken);
            await ((IAsyncDisposable)postgres.Store).DisposeAsync();
            await ((IAsyncDisposable)postgresCopy.Store).DisposeAsync();
        }
        finally
        {
            await PostgresTestDatabase.DropAsync(url);
            await PostgresTestDatabase.DropAsync(copyUrl);
        }
        report.Json["load_after"] = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "";
        return report;
    }

    private static async Task DirectionAsync(Report report, string name, StrataServices from, StrataServices to, StrataServices copyTarget, string userId,
        Workspace workspace, CancellationToken cancellationToken)
    {
        await to.Users.EnsureAsync(StrataHost.UserName, cancellationToken);
        await copyTarget.Users.EnsureAsync(StrataHost.UserName, cancellationToken);
        var path = workspace.PathOf($"{name}.zip");

        var start = Stopwatch.GetTimestamp();
        ArchiveExportResult exported;
        await using (var file = File.Create(path))
        {
            exported = await from.ArchiveExport.ExportAsync(userId, file, cancellationToken);
        }
        var exportTime = Stopwatch.GetElapsedTime(start);
        start = Stopwatch.GetTimestamp();
        var imported = await to.ArchiveImport.ImportAsync(userId, path, ArchiveConflict.Fail, cancellationToken);
        var importTime = Stopwatch.GetElapsedTime(start);

        start = Stopwatch.GetTimestamp();
        var copied = await CopyAsync(from.Store, copyTarget.Store, userId, cancellationToken);
        var copyTime = Stopwatch.GetElapsedTime(start);

        if (imported.RowsAdded != exported.Rows || copied != exported.Rows)
        {
            report.Failures.Add($"{name}: exported {exported.Rows} rows, imported {imported.RowsAdded}, copied {copied}");
        }
        var archiveTime = exportTime + importTime;
        report.Figure($"{name}_export_s", exportTime.TotalSeconds, $"{name}: export", "s", $"{exported.Rows:N0} rows, {new FileInfo(path).Length:N0} bytes");
        report.Figure($"{name}_import_s", importTime.TotalSeconds, $"{name}: import (verify + load)", "s");
        report.Figure($"{name}_copy_s", copyTime.TotalSeconds, $"{name}: plain table copy of the same rows", "s");
        report.Goal($"{name}_copy_to_archive", copyTime / archiveTime, $"{name}: copy time / (export + import) time", "x", Goal, higherIsBetter: true);
    }

    /// <summary>The baseline: every carried table's rows read from one store and inserted into the other in one
    /// transaction, through the same row reader and writer the archive uses, nothing else.</summary>
    private static async Task<long> CopyAsync(IStrataStore from, IStrataStore to, string userId, CancellationToken cancellationToken)
    {
        long rows = 0;
        await using var read = await from.OpenSnapshotAsync(userId, cancellationToken);
        await using var write = await to.OpenWriteAsync(userId, cancellationToken);
        foreach (var table in read.Archive.Tables)
        {
            await foreach (var row in read.Archive.ReadAsync(table, cancellationToken))
            {
                await write.Archive.InsertAsync(table, row, cancellationToken);
                rows++;
            }
        }
        await write.CommitAsync(cancellationToken);
        return rows;
    }

    private static async Task<StrataServices> OpenPostgresAsync(string url, string folder, StrataServices like, CancellationToken cancellationToken)
    {
        var store = await PostgresStrataStore.OpenAsync(url, TimeProvider.System, cancellationToken);
        var options = like.Options with { SpoolDirectory = Path.Combine(folder, "spool") };
        return new StrataServices(store, new FileBlobStore(folder), [new RulesInterpreter()], options, TimeProvider.System);
    }

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
