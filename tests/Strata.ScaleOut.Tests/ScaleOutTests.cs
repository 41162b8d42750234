using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using Strata.Storage.Compliance;

namespace Strata.ScaleOut.Tests;

/// <summary>
/// Strata scaled out as it is deployed: one PostgreSQL, two <c>strata serve</c> and four <c>strata worker</c>
/// processes, two users ingesting thousands of files over REST, and one worker killed with SIGKILL mid-run.
/// </summary>
public sealed class ScaleOutTests : IAsyncLifetime
{
    private const int AliceFiles = 1700;
    private const int BobFiles = 400;
    private const int BobMonthlyInterpretations = 300;

    private readonly List<StrataProcess> _processes = [];
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "strata-scale-" + Guid.NewGuid().ToString("N"));
    private string _database = "";

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    [Fact]
    public async Task EveryJobCompletesExactlyOnceAcrossProcessesEvenWhenAWorkerIsKilled()
    {
        var environment = new Dictionary<string, string>
        {
            ["STRATA_DATABASE_URL"] = _database,
            ["STRATA_DATA_DIR"] = _dataDirectory,
            ["STRATA_Plans__free__InterpretationsPerMonth"] = BobMonthlyInterpretations.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["STRATA_Plans__pro__InterpretationsPerMonth"] = "5000",
            ["STRATA_Worker__Concurrency"] = "2",
            ["STRATA_Worker__PollInterval"] = "0.2",
            ["STRATA_Worker__LeaseDuration"] = "4",
            ["STRATA_Worker__HeartbeatInterval"] = "1",
            ["STRATA_Worker__RescueEvery"] = "1",
        };
        var alice = await CreateUserAsync(environment, "alice", "pro");
        var bob = await CreateUserAsync(environment, "bob", "free");

        var servers = new List<Uri>();
        for (var i = 0; i < 2; i++)
        {
            var port = StrataProcess.FreePort();
            _processes.Add(StrataProcess.Start($"serve-{i}", environment, "serve", "--urls", $"http://127.0.0.1:{port}"));
            servers.Add(new Uri($"http://127.0.0.1:{port}"));
        }
        var workers = Enumerable.Range(0, 4).Select(i => StrataProcess.Start($"worker-{i}", environment, "worker")).ToList();
        _processes.AddRange(workers);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        foreach (var server in servers) await WaitUntilUpAsync(http, server);

        var uploads = Task.WhenAll(
            IngestAllAsync(http, servers, alice, "alice", AliceFiles),
            IngestAllAsync(http, servers, bob, "bob", BobFiles));
        var killed = await KillAWorkerHoldingALeaseAsync(workers);
        var outcomes = (await uploads).SelectMany(o => o).ToList();
        await WaitForRunsToFinishAsync();

        var context = string.Join('\n', _processes.Select(p => p.Output()));
        Assert.True(killed.Count > 0, "a worker should have been killed while it held a lease\n" + context);
        Assert.Equal(AliceFiles, outcomes.Count(o => o.User == "alice" && o.Status is HttpStatusCode.Created or HttpStatusCode.OK));
        var bobAccepted = outcomes.Count(o => o.User == "bob" && o.Status is HttpStatusCode.Created or HttpStatusCode.OK);
        var bobRefused = outcomes.Where(o => o.User == "bob" && o.Status is not (HttpStatusCode.Created or HttpStatusCode.OK)).ToList();
        Assert.Equal(BobMonthlyInterpretations, bobAccepted); // the quota held across two servers, no overshoot
        Assert.All(bobRefused, o => Assert.Equal("INTERPRETATION_QUOTA_EXCEEDED", o.Code));

        await using var db = new NpgsqlConnection(_database);
        var accepted = AliceFiles + BobMonthlyInterpretations;
        var runs = (await db.QueryAsync<(string Status, long Count)>("SELECT status, COUNT(*) FROM runs GROUP BY status")).ToDictionary(r => r.Status, r => r.Count);
        Assert.Equal(new Dictionary<string, long> { ["completed"] = accepted }, runs);
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM (SELECT source_id FROM runs GROUP BY source_id HAVING COUNT(*) <> 1) s"));
        var jobs = (await db.QueryAsync<(string State, long Count)>("SELECT state, COUNT(*) FROM jobs WHERE kind = 'interpret' GROUP BY state")).ToDictionary(r => r.State, r => r.Count);
        Assert.Equal(new Dictionary<string, long> { ["completed"] = accepted }, jobs);
        // Each file has one row: one observation per run, none lost to the kill and none written twice.
        Assert.Equal(accepted, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM observations"));
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM (SELECT run_id FROM observations GROUP BY run_id HAVING COUNT(*) <> 1) r"));
        Assert.Equal(accepted, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entities"));
        foreach (var jobId in killed)
        {
            Assert.Equal("completed", await db.ExecuteScalarAsync<string>("SELECT state FROM jobs WHERE id = @jobId", new { jobId }));
        }
        Assert.Equal(BobMonthlyInterpretations, await db.ExecuteScalarAsync<int>(
            "SELECT interpretations FROM usage_interpretations u JOIN users s ON s.id = u.user_id WHERE s.name = 'bob'"));

        // Each user sees only their own entities through the API.
        var bobsView = await GetJsonAsync(http, servers[1], bob, "/v1/entities?limit=1&include_total=true");
        Assert.Equal(BobMonthlyInterpretations, bobsView.GetProperty("total").GetInt32());
        var alicesView = await GetJsonAsync(http, servers[0], alice, "/v1/entities?query=bob-&limit=1&include_total=true");
        Assert.Equal(0, alicesView.GetProperty("total").GetInt32());
    }

    private sealed record Outcome(string User, HttpStatusCode Status, string? Code);

    private static async Task<List<Outcome>> IngestAllAsync(HttpClient http, List<Uri> servers, string key, string user, int files)
    {
        using var gate = new SemaphoreSlim(6);
        var tasks = Enumerable.Range(0, files).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var server = servers[i % servers.Count];
                var csv = $"name,email\n{user} person {i},{user}-{i}@example.org\n";
                using var request = new HttpRequestMessage(HttpMethod.Post,
                    new Uri(server, $"/v1/sources?filename={user}-{i}.csv&entity_type=contact&wait=false"))
                {
                    Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                string? code = null;
                if (!response.IsSuccessStatusCode && body.Length > 0)
                {
                    using var problem = JsonDocument.Parse(body);
                    code = problem.RootElement.TryGetProperty("code", out var c) ? c.GetString() : body;
                }
                return new Outcome(user, response.StatusCode, code);
            }
            finally
            {
                gate.Release();
            }
        });
        return (await Task.WhenAll(tasks)).ToList();
    }

    /// <summary>Waits until work is flowing, then SIGKILLs a worker that holds a lease right now; returns the jobs it held.</summary>
    private async Task<List<long>> KillAWorkerHoldingALeaseAsync(List<StrataProcess> workers)
    {
        await using var db = new NpgsqlConnection(_database);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var completed = await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM runs WHERE status = 'completed'");
            if (completed >= 200)
            {
                var leases = await db.QueryAsync<(long Id, string Owner)>("SELECT id, lease_owner FROM jobs WHERE state = 'running' AND kind = 'interpret'");
                foreach (var worker in workers.Where(w => !w.Exited))
                {
                    var held = leases.Where(l => l.Owner.Contains($":{worker.Id}:", StringComparison.Ordinal)).Select(l => l.Id).ToList();
                    if (held.Count > 0)
                    {
                        worker.Kill();
                        return held;
                    }
                }
            }
            await Task.Delay(20);
        }
        return [];
    }

    private async Task WaitForRunsToFinishAsync()
    {
        await using var db = new NpgsqlConnection(_database);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            if (await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM runs WHERE status IN ('pending', 'running')") == 0) return;
            await Task.Delay(250);
        }
        throw new TimeoutException("Runs were still unfinished after 5 minutes.\n" + string.Join('\n', _processes.Select(p => p.Output())));
    }

    private async Task<string> CreateUserAsync(IReadOnlyDictionary<string, string> environment, string name, string plan)
    {
        using var process = StrataProcess.Start($"users-{name}", environment, "--json", "users", "create", name, "--plan", plan);
        await process.WaitForExitAsync(TimeSpan.FromMinutes(1));
        var output = process.Output();
        var json = output[output.IndexOf('{', StringComparison.Ordinal)..];
        return JsonDocument.Parse(json[..(json.LastIndexOf('}') + 1)]).RootElement.GetProperty("api_key").GetString()!;
    }

    private static async Task WaitUntilUpAsync(HttpClient http, Uri server)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(server, "/health"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{server} did not come up.");
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient http, Uri server, string key, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        foreach (var process in _processes) process.Dispose();
        await PostgresTestDatabase.DropAsync(_database);
        try { Directory.Delete(_dataDirectory, recursive: true); } catch (IOException) { }
    }
}
