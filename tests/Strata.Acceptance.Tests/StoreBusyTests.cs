using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Strata.Acceptance.Tests.Support;

namespace Strata.Acceptance.Tests;

/// <summary>
/// Two processes writing to one SQLite file: a long interpretation commits in short slices, so writers in another
/// process get in while it runs; a writer that cannot get the database in time gets STORE_BUSY in one line, never a
/// stack trace.
/// </summary>
public sealed class StoreBusyTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "strata-busy-" + Guid.NewGuid().ToString("N")[..8]);

    public StoreBusyTests() => Directory.CreateDirectory(_root);

    private string DataDirectory => Path.Combine(_root, "data");

    private string DatabasePath => Path.Combine(DataDirectory, "strata.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task IT_writers_in_another_process_get_in_while_a_large_file_is_interpreted_and_it_completes()
    {
        var cli = new StrataProcess(DataDirectory);
        Assert.Equal(0, (await cli.RunAsync("migrate")).Exit);
        const int lines = 60_000;
        var file = Path.Combine(_root, "contacts.jsonl");
        await using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
        {
            for (var i = 0; i < lines; i++)
            {
                await writer.WriteLineAsync($$"""{"entity_type": "contact", "email": "user{{i}}@example.com", "name": "User {{i}}"}""");
            }
        }

        var big = cli.RunAsync("--json", "ingest", file);
        var outcomes = new List<(int Exit, string Error)>();
        var duringRun = 0;
        for (var i = 0; !big.IsCompleted; i++)
        {
            var payload = Path.Combine(_root, $"task-{i}.json");
            await File.WriteAllTextAsync(payload, $$"""[{"entity_type": "task", "title": "side write {{i}}"}]""");
            var (exit, _, error) = await cli.RunAsync("store", payload);
            outcomes.Add((exit, error));
            // Read straight from the file: the big run is still running when this write has already committed.
            if (exit == 0 && await BigRunStatusAsync() == "running") duringRun++;
        }
        var (bigExit, bigOut, bigError) = await big;

        Assert.True(bigExit == 0, $"the large ingest failed: {bigError}");
        var interpretation = System.Text.Json.JsonDocument.Parse(bigOut).RootElement.GetProperty("interpretation");
        Assert.Equal("completed", interpretation.GetProperty("status").GetString());
        Assert.Equal(lines, interpretation.GetProperty("observations_created").GetInt32());
        Assert.NotEmpty(outcomes);
        Assert.All(outcomes, o => Assert.True(o.Exit == 0 || o.Error.StartsWith("error STORE_BUSY:", StringComparison.Ordinal),
            $"exit {o.Exit}: {o.Error}"));
        Assert.All(outcomes, o => Assert.DoesNotContain("   at ", o.Error));
        Assert.True(duringRun > 0, "no write from the other process got in while the large file was interpreted");
    }

    [Fact]
    public async Task IT_a_writer_that_cannot_get_the_database_in_time_gets_STORE_BUSY_in_one_line()
    {
        var cli = new StrataProcess(DataDirectory);
        Assert.Equal(0, (await cli.RunAsync("migrate")).Exit);
        var payload = Path.Combine(_root, "task.json");
        await File.WriteAllTextAsync(payload, """[{"entity_type": "task", "title": "blocked"}]""");
        var quickGiveUp = new Dictionary<string, string> { ["STRATA_Limits__BusyTimeout"] = "1" };

        await using (var holder = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await holder.OpenAsync();
            await using var hold = holder.BeginTransaction(deferred: false); // the write lock, held for the whole test

            var (exit, output, error) = await cli.RunAsync(quickGiveUp, "store", payload);
            var (jsonExit, _, jsonError) = await cli.RunAsync(quickGiveUp, "--json", "store", payload);

            Assert.Equal(1, exit);
            Assert.Equal("", output);
            Assert.StartsWith("error STORE_BUSY: ", error);
            Assert.Single(error.Trim().Split('\n'));
            Assert.Equal(1, jsonExit);
            Assert.Equal("STORE_BUSY", System.Text.Json.JsonDocument.Parse(jsonError).RootElement.GetProperty("error").GetProperty("code").GetString());
            Assert.DoesNotContain("   at ", jsonError);
        }

        Assert.Equal(0, (await cli.RunAsync(quickGiveUp, "store", payload)).Exit); // and once the lock is gone, it writes
    }

    private async Task<string?> BigRunStatusAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT status FROM runs WHERE interpreter = 'rules'";
        return (string?)await query.ExecuteScalarAsync();
    }
}
