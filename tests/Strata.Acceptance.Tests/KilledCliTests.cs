using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Storage.Compliance;

namespace Strata.Acceptance.Tests;

/// <summary>
/// A CLI killed with SIGKILL while it interprets its own run: the next commands rescue the run and finish it.
/// The CLI's lease is set short in strata.json (Worker:CallerLeaseDuration) only so the test need not wait the
/// default 30 seconds for it to lapse.
/// </summary>
public sealed class KilledCliTests : IDisposable
{
    private const int Records = 10_000;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "strata-kill-" + Guid.NewGuid().ToString("N"));
    private string? _database;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AnIngestKilledMidRunIsRequeuedByTheNextCommandAndCompletedByTheNextIngest(string backend)
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "strata.json"), """{"Worker": {"CallerLeaseDuration": "3"}}""");
        var file = Path.Combine(_directory, "people.jsonl");
        WriteRecords(file);
        string[] database = [];
        if (backend == Backends.Postgres)
        {
            _database = await PostgresTestDatabase.CreateAsync();
            database = ["--database", _database];
        }

        using (var first = StrataChild.Start(_directory, [.. database, "ingest", file]))
        {
            await Eventually.TrueAsync(async () => first.HasExited || await StatusWhileStartingAsync() == "running",
                "the first CLI's run is running");
            Assert.False(first.HasExited, "the interpretation ended before it could be killed; make the file bigger");
            var (exit, _, _) = await first.KillAsync();
            Assert.NotEqual(0, exit);
        }
        Assert.Equal("running", await ScalarAsync<string>("SELECT status FROM runs"));
        Assert.Equal("running", await ScalarAsync<string>("SELECT state FROM jobs WHERE kind = 'interpret'"));

        // Once the dead CLI's lease has lapsed, any command returns its job to the queue: here a listing.
        var expires = await LeaseExpiryAsync();
        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > expires.AddSeconds(1)), "the killed CLI's lease lapsed");
        var cli = new StrataProcess(_directory);
        var listed = await cli.RunAsync([.. database, "runs", "--json"]);
        Assert.Equal(0, listed.Exit);
        Assert.Equal("retryable", await ScalarAsync<string>("SELECT state FROM jobs WHERE kind = 'interpret'"));

        // Ingesting the same file again finishes that run rather than answering "deduplicated, use reinterpret".
        var again = await cli.RunAsync([.. database, "ingest", file, "--json"]);

        Assert.True(again.Exit == 0, again.Error);
        using var result = JsonDocument.Parse(again.Out);
        Assert.True(result.RootElement.GetProperty("deduplicated").GetBoolean());
        var interpretation = result.RootElement.GetProperty("interpretation");
        Assert.Equal("completed", interpretation.GetProperty("status").GetString());
        Assert.Equal(Records, interpretation.GetProperty("observations_created").GetInt32());
        Assert.Equal(1L, await ScalarAsync<long>("SELECT COUNT(*) FROM runs"));
        Assert.Equal("completed", await ScalarAsync<string>("SELECT status FROM runs"));
        Assert.Equal((long)Records, await ScalarAsync<long>("SELECT COUNT(*) FROM observations"));
        Assert.Equal(2L, await ScalarAsync<long>("SELECT attempt FROM jobs WHERE kind = 'interpret'"));
    }

    private static void WriteRecords(string path)
    {
        var text = new StringBuilder();
        for (var i = 0; i < Records; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $$"""{"type": "contact", "name": "Person {{i}}", "email": "p{{i}}@example.com"}""").Append('\n');
        }
        File.WriteAllText(path, text.ToString());
    }

    /// <summary>The run's status, or null while the first CLI is still creating the database or the run.</summary>
    private async Task<string?> StatusWhileStartingAsync()
    {
        try
        {
            return await ScalarAsync<string>("SELECT status FROM runs");
        }
        catch (DbException)
        {
            return null;
        }
    }

    private StoreProbe Probe => new(_directory, _database);

    private Task<DateTimeOffset> LeaseExpiryAsync() => Probe.LeaseExpiryAsync("interpret");

    private Task<T?> ScalarAsync<T>(string sql) => Probe.ScalarAsync<T>(sql);

    public void Dispose()
    {
        if (_database is not null) PostgresTestDatabase.DropAsync(_database).GetAwaiter().GetResult();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
