using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Workers;

/// <summary>The real <c>strata serve</c> process: its own worker loops finish what a <c>wait=false</c> ingest queued, it
/// drains on SIGTERM, and <c>--no-worker</c> runs none.</summary>
public abstract class ServeWorkerTests
{
    protected abstract Backend Backend { get; }

    [Fact]
    public async Task Serve_interprets_a_wait_false_ingest_on_its_own_and_stops_cleanly_on_SIGTERM()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"), Backend);
        using var client = serve.Client();

        var ingest = await (await client.UploadAsync(Samples.PeopleCsv, "filename=people.csv&entity_type=contact&wait=false")).JsonAsync(HttpStatusCode.Created);
        var interpretation = ingest.GetProperty("interpretation");
        Assert.Equal("pending", interpretation.GetProperty("status").GetString());
        Assert.False(interpretation.TryGetProperty("entities", out _));

        var sourceId = ingest.GetProperty("source_id").GetString();
        await Eventually.CompletedRunAsync(async () => await (await client.GetAsync($"/v1/runs?source_id={sourceId}")).JsonAsync(),
            interpretation.GetProperty("run_id").GetString()!);
        var contacts = await (await client.GetAsync("/v1/entities?entity_type=contact&include_total=true")).JsonAsync();
        Assert.Equal(2, contacts.GetProperty("total").GetInt32());

        var exit = await serve.TerminateAsync();
        Assert.True(exit.ExitCode == 0, exit.ToString());
    }

    [Fact]
    public async Task Serve_with_no_worker_reports_no_worker_loops_and_a_wait_false_ingest_still_answers_with_its_queued_run()
    {
        using var temp = new TempDirectory();
        await using var serve = await ServeProcess.StartAsync(temp.Combine("data"), Backend, "--no-worker");
        using var client = serve.Client();

        var ingest = await (await client.UploadAsync(Samples.PeopleCsv, "filename=people.csv&entity_type=contact&wait=false")).JsonAsync(HttpStatusCode.Created);
        var health = await (await client.GetAsync("/health")).JsonAsync();

        Assert.Equal("pending", ingest.GetProperty("interpretation").GetProperty("status").GetString());
        Assert.Contains(health.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "workers");
        Assert.DoesNotContain(health.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString()!.StartsWith("worker ", StringComparison.Ordinal));
    }

    /// <summary><c>strata serve</c> on a free loopback port, with a user created by <c>strata users create</c>.</summary>
    private sealed class ServeProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _stderr;
        private string? _database;

        private ServeProcess(Process process, Uri baseAddress, string apiKey, Task<string> stderr)
        {
            _process = process;
            BaseAddress = baseAddress;
            ApiKey = apiKey;
            _stderr = stderr;
        }

        public Uri BaseAddress { get; }

        public string ApiKey { get; }

        /// <param name="backend">On PostgreSQL, a fresh database of its own, given to both commands with <c>--database</c>.</param>
        public static async Task<ServeProcess> StartAsync(string dataDirectory, Backend backend, params string[] options)
        {
            var database = backend == Backend.Postgres ? await Strata.Storage.Compliance.PostgresTestDatabase.CreateAsync() : null;
            string[] storage = database is null ? [] : ["--database", database];
            var created = await StrataExecutable.RunAsync(["users", "create", "alice", "--data-dir", dataDirectory, .. storage, "--json"]);
            Assert.True(created.ExitCode == 0, created.ToString());
            var apiKey = Samples.Json(created.StandardOutput).GetProperty("api_key").GetString()!;

            var start = new ProcessStartInfo(StrataExecutable.DotnetHost)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in (string[])[StrataExecutable.DllPath, "serve", "--urls", "http://127.0.0.1:0", "--data-dir", dataDirectory, .. storage, .. options])
            {
                start.ArgumentList.Add(argument);
            }
            start.Environment.Remove("STRATA_DATA_DIR");
            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start strata serve.");
            var stderr = process.StandardError.ReadToEndAsync();
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                const string Listening = "strata serve: listening on ";
                if (line.StartsWith(Listening, StringComparison.Ordinal))
                {
                    // Keep reading stdout so the server never blocks on a full pipe.
                    _ = process.StandardOutput.ReadToEndAsync();
                    return new ServeProcess(process, new Uri(line[Listening.Length..].Split(' ')[0]), apiKey, stderr) { _database = database };
                }
            }
            await process.WaitForExitAsync();
            throw new Xunit.Sdk.XunitException($"strata serve exited with {process.ExitCode} before listening: {await stderr}");
        }

        public HttpClient Client()
        {
            var client = new HttpClient { BaseAddress = BaseAddress };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
            return client;
        }

        /// <summary>Sends SIGTERM, as a service manager stopping it would, and waits for the process to end.</summary>
        public async Task<ProcessOutcome> TerminateAsync()
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            // Only a guard against a hang: draining idle loops takes no time, and nothing asserts how long it took.
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await _process.WaitForExitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException("strata serve did not stop after SIGTERM.");
            }
            return new ProcessOutcome(_process.ExitCode, "", await _stderr);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
            if (_database is not null) await Strata.Storage.Compliance.PostgresTestDatabase.DropAsync(_database);
        }
    }
}

public sealed class ServeWorkerTestsOnSqlite : ServeWorkerTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class ServeWorkerTestsOnPostgres : ServeWorkerTests
{
    protected override Backend Backend => Backend.Postgres;
}
