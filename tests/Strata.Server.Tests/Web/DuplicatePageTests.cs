using System.Net;
using Strata.Core;
using Strata.Core.Observations;
using Strata.Core.Storage;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Web;

/// <summary>
/// The duplicates page's two writes (merge and dismiss, form posts over merge_entities and dismiss_duplicate), on both
/// databases: another user's ids answer exactly as missing ones and change nothing, and two sessions merging one pair
/// at once end with one merge, the other answered with a page saying why (never a server error).
/// </summary>
public abstract class DuplicatePageTests
{
    protected abstract Backend Backend { get; }

    private static readonly CancellationToken None = CancellationToken.None;
    private const string Missing = "ent_00000000000000000000000000";
    private const string MissingToo = "ent_00000000000000000000000001";

    [Fact]
    public async Task Bobs_merge_and_dismiss_of_alices_pair_answer_as_missing_ids_and_change_nothing()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var (aliceId, from, to) = await AlicesPairAsync(server);
        using var bob = new PageBrowser(server);
        await bob.SignInAsync(await server.CreateUserAsync("bob"));
        var token = await bob.CsrfTokenAsync();

        foreach (var action in new[] { "merge", "dismiss" })
        {
            var theirs = await bob.SendAsync(HttpMethod.Post, $"/duplicates/{action}", Form(token, from, to));
            var missing = await bob.SendAsync(HttpMethod.Post, $"/duplicates/{action}", Form(token, Missing, MissingToo));
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
            Assert.Equal(missing.StatusCode, theirs.StatusCode);
            Assert.Equal((await missing.Content.ReadAsStringAsync()).Replace(Missing, "ID").Replace(MissingToo, "ID"),
                (await theirs.Content.ReadAsStringAsync()).Replace(from, "ID").Replace(to, "ID"));
        }
        var pairs = await server.Services.Duplicates.ListPotentialDuplicatesAsync(aliceId, null, false, new Paging(), None);
        Assert.Equal("pending", Assert.Single(pairs.Duplicates).Status);
        Assert.Null((await server.Services.Entities.GetSnapshotAsync(aliceId, from, null, None)).RedirectedFrom);
    }

    [Fact]
    public async Task Two_sessions_merging_one_pair_at_once_make_one_merge_and_the_other_is_told_why()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        var (aliceId, from, to) = await AlicesPairAsync(server, key);
        var browsers = new[] { new PageBrowser(server), new PageBrowser(server) };
        foreach (var b in browsers) await b.SignInAsync(key);
        var tokens = await Task.WhenAll(browsers.Select(b => b.CsrfTokenAsync()));
        using var start = new Barrier(browsers.Length);

        var answers = await Task.WhenAll(browsers.Select((b, i) => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await b.SendAsync(HttpMethod.Post, "/duplicates/merge", Form(tokens[i], from, to));
        })));

        var statuses = answers.Select(a => (int)a.StatusCode).Order().ToArray();
        Assert.Equal(303, statuses[0]);
        Assert.InRange(statuses[1], 303, 499); // the second: the same redirect (nothing left to merge) or a 4xx page saying why
        if (statuses[1] != 303) Assert.Contains("role=\"alert\"", await answers.Single(a => (int)a.StatusCode != 303).Content.ReadAsStringAsync());
        var merged = await server.Services.Entities.GetSnapshotAsync(aliceId, from, null, None);
        Assert.Equal((to, from), (merged.EntityId, merged.RedirectedFrom));
        foreach (var b in browsers) b.Dispose();
    }

    private static FormUrlEncodedContent Form(string token, string from, string to) =>
        new([KeyValuePair.Create("csrf", token), KeyValuePair.Create("from", from), KeyValuePair.Create("to", to)]);

    /// <summary>Alan Turing stored twice (misspelt once, same birthday): the pair a scan suggests.</summary>
    private static async Task<(string AliceId, string From, string To)> AlicesPairAsync(RunningServer server, string? key = null)
    {
        key ??= await server.CreateUserAsync("alice");
        var aliceId = (await server.Services.Users.AuthenticateAsync(key, None))!.Id;
        var stored = await server.Services.Structured.StoreAsync(aliceId, new StoreRequest([
            Samples.Json("""{"entity_type":"contact","name":"Alan Turing","birthday":"1912-06-23","email":"alan@example.com"}"""),
            .. Samples.Json(Samples.AlanTwin).EnumerateArray()]), None);
        await server.Services.Duplicates.ScanAsync(aliceId, None);
        return (aliceId, stored.Entities[1].EntityId, stored.Entities[0].EntityId);
    }
}

public sealed class DuplicatePageTestsOnSqlite : DuplicatePageTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class DuplicatePageTestsOnPostgres : DuplicatePageTests
{
    protected override Backend Backend => Backend.Postgres;
}
