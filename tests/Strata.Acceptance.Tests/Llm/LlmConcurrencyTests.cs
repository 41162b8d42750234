using System.Text;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Configuration;
using Strata.Core.Llm;
using Strata.Core.Runs;
using Strata.Core.Sources;
using Strata.Core.Storage;
using Strata.FakeLlm;
using Strata.Formats;
using Strata.Core.Extraction.Packing;
using Strata.Core.Extraction;

namespace Strata.Acceptance.Tests.Llm;

/// <summary>The bound on concurrent model calls lives in the database: several stores on one database (as several
/// processes would open them), each running LLM runs that want many calls at once, never have more calls in flight at
/// the provider than the global bound, nor for one user more than the per-user bound. The provider holds every call
/// until as many as the bound are in flight at once, so the bound is shown reached, not only never passed.</summary>
public sealed class LlmConcurrencyTests
{
    private static string Note(string who, int sections) =>
        string.Join("\n\n", Enumerable.Range(0, sections).Select(i => $"# Section {i} of {who}\nSomething {who} wrote in section {i}.")) + "\n";

    private static LlmRunOptions Eager(int global, int perUser) => new()
    {
        Packs = new PackCaps(1, 6_000, 3_000), // one item per call: as many calls as items
        ParallelPacks = 4,
        Calls = new LlmCallLimits(global, perUser, TimeSpan.FromMinutes(5)),
        SlotPoll = TimeSpan.FromMilliseconds(20),
    };

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Runs_in_three_stores_for_two_users_never_pass_the_global_bound(string backend)
    {
        var (max, completed) = await RunEverywhereAsync(backend, Eager(global: 3, perUser: 3), ["alice", "bob", "alice"], bound: 3);

        Assert.Equal(3, completed);
        Assert.Equal(3, max);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Runs_of_one_user_in_three_stores_never_pass_the_per_user_bound(string backend)
    {
        var (max, completed) = await RunEverywhereAsync(backend, Eager(global: 16, perUser: 2), ["alice", "alice", "alice"], bound: 2);

        Assert.Equal(3, completed);
        Assert.Equal(2, max);
    }

    /// <summary>One LLM ingest per store (a store per user name given), all at once, with the provider holding every
    /// call until <paramref name="bound"/> are in flight; returns the most requests the provider saw at one moment and how
    /// many runs completed.</summary>
    private static async Task<(int Max, int Completed)> RunEverywhereAsync(string backend, LlmRunOptions options, string[] users, int bound)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Hold();
        using var strata = TestStrata.Create(backend);
        var llm = FakeProvider.Runs(server, FakeProvider.Anthropic, options);
        var stores = new List<IStrataStore>();
        try
        {
            var ingests = new List<Task<Core.Operations.IngestResult>>();
            for (var i = 0; i < users.Length; i++)
            {
                var store = await strata.OpenAnotherStoreAsync();
                stores.Add(store);
                var blobs = new FileBlobStore(strata.DataDirectory);
                var services = new StrataServices(store, blobs, [new RulesInterpreter()],
                    new StrataOptions { SpoolDirectory = Path.Combine(strata.DataDirectory, "spool-" + i) }, strata.Clock, llm: llm);
                var user = await strata.UserAsync(users[i]);
                var note = Note($"{users[i]}-{i}", sections: 8);
                ingests.Add(Task.Run(() => services.Ingest.IngestAsync(user,
                    new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(note)), $"note-{i}.md") { Llm = true }, CancellationToken.None)));
            }
            await Eventually.TrueAsync(() => Task.FromResult(server.RequestsInFlight == bound), $"{bound} calls in flight at once");
            server.Release();
            var results = await Task.WhenAll(ingests);
            Assert.Equal(8 * users.Length, server.Requests.Count);
            Assert.Equal(0, await stores[0].LlmCallSlots.CountHeldAsync(DateTimeOffset.UtcNow, CancellationToken.None)); // all released
            return (server.MaxConcurrentRequests, results.Count(r => r.Interpretation.Status == RunStatuses.Completed));
        }
        finally
        {
            foreach (var store in stores)
            {
                if (store is IAsyncDisposable async) await async.DisposeAsync();
                else (store as IDisposable)?.Dispose();
            }
        }
    }
}
