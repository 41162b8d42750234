using System.Net;
using Strata.Core;
using Strata.Core.Observations;
using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Web;

/// <summary>
/// The entity page's two writes (form posts over <c>correct</c> and <c>split_entity</c>), on both databases: another
/// user's entity answers exactly as a missing one and changes nothing, a post without the page's token is refused, two
/// sessions splitting off the same observation at once make one split (the other told why, never a server error), and
/// two corrections of one field at once both stay recorded with one of them winning.
/// </summary>
public abstract class EntityChangePageTests
{
    protected abstract Backend Backend { get; }

    private static readonly CancellationToken None = CancellationToken.None;
    private const string Missing = "ent_00000000000000000000000000";

    [Fact]
    public async Task Bobs_correction_and_split_of_alices_entity_answer_as_a_missing_one_and_a_post_without_the_token_is_refused()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var (aliceId, sam, observation) = await AlicesSamAsync(server, await server.CreateUserAsync("alice"));
        var before = await server.Services.Entities.GetSnapshotAsync(aliceId, sam, null, None);
        using var bob = new PageBrowser(server);
        await bob.SignInAsync(await server.CreateUserAsync("bob"));
        var token = await bob.CsrfTokenAsync();

        foreach (var (action, fields) in Posts(observation))
        {
            var theirs = await bob.SendAsync(HttpMethod.Post, $"/entities/{sam}/{action}", Form(token, fields));
            var missing = await bob.SendAsync(HttpMethod.Post, $"/entities/{Missing}/{action}", Form(token, fields));
            Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
            Assert.Equal(missing.StatusCode, theirs.StatusCode);
            Assert.Equal((await missing.Content.ReadAsStringAsync()).Replace(Missing, "ID"), (await theirs.Content.ReadAsStringAsync()).Replace(sam, "ID"));
            var forged = await bob.SendAsync(HttpMethod.Post, $"/entities/{sam}/{action}", Form("", fields));
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
            Assert.Contains("CSRF_REFUSED", await forged.Content.ReadAsStringAsync());
        }
        var after = await server.Services.Entities.GetSnapshotAsync(aliceId, sam, null, None);
        Assert.Equal((before.ObservationCount, before.Fields["title"].GetString()), (after.ObservationCount, after.Fields["title"].GetString()));
    }

    [Fact]
    public async Task Two_sessions_splitting_off_one_observation_at_once_make_one_split_and_the_other_is_told_why()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        var (aliceId, sam, observation) = await AlicesSamAsync(server, key);
        var answers = await AtOnceAsync(server, key, $"/entities/{sam}/splits", _ => [("observation_id", observation)]);

        var statuses = answers.Select(a => (int)a.StatusCode).Order().ToArray();
        Assert.Equal(303, statuses[0]);
        Assert.InRange(statuses[1], 400, 499); // the observation is no longer Sam's: a page saying why
        Assert.Contains("role=\"alert\"", await answers.Single(a => (int)a.StatusCode != 303).Content.ReadAsStringAsync());
        var moved = answers.Single(a => (int)a.StatusCode == 303).Headers.Location!.ToString()["/entities/".Length..];
        Assert.Equal(1, (await server.Services.Entities.GetSnapshotAsync(aliceId, sam, null, None)).ObservationCount);
        var other = await server.Services.Entities.GetSnapshotAsync(aliceId, moved, null, None);
        Assert.Equal((1, "Acme"), (other.ObservationCount, other.Fields["company"].GetString()));
    }

    [Fact]
    public async Task Two_corrections_of_one_field_at_once_are_both_recorded_and_one_wins()
    {
        await using var server = await RunningServer.StartAsync(backend: Backend);
        var key = await server.CreateUserAsync("alice");
        var (aliceId, sam, _) = await AlicesSamAsync(server, key);
        var titles = new[] { "head nurse", "ward sister" };
        var answers = await AtOnceAsync(server, key, $"/entities/{sam}/corrections", i => [("field", "title"), ("value_json", $"\"{titles[i]}\"")]);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.SeeOther, a.StatusCode));
        var snapshot = await server.Services.Entities.GetSnapshotAsync(aliceId, sam, null, None);
        Assert.Contains(snapshot.Fields["title"].GetString(), titles);
        var observations = await server.Services.Entities.ListObservationsAsync(aliceId, sam, new Paging(50), None);
        Assert.Equal(titles.Order(), observations.Observations.Where(o => o.Kind == ObservationKinds.Correction)
            .Select(o => o.Fields["title"].GetString()).Order());
    }

    /// <summary>Two sessions of the same key posting the page's form at once (released together by a barrier).</summary>
    private static async Task<HttpResponseMessage[]> AtOnceAsync(RunningServer server, string key, string path, Func<int, (string, string)[]> fields)
    {
        var browsers = new[] { new PageBrowser(server), new PageBrowser(server) };
        foreach (var b in browsers) await b.SignInAsync(key);
        var tokens = await Task.WhenAll(browsers.Select(b => b.CsrfTokenAsync()));
        using var start = new Barrier(browsers.Length);
        var answers = await Task.WhenAll(browsers.Select((b, i) => Task.Run(async () =>
        {
            start.SignalAndWait();
            return await b.SendAsync(HttpMethod.Post, path, Form(tokens[i], fields(i)));
        })));
        foreach (var b in browsers) b.Dispose();
        return answers;
    }

    private static IEnumerable<(string Action, (string, string)[] Fields)> Posts(string observation) =>
    [
        ("corrections", [("field", "title"), ("value_json", "\"bob's\"")]),
        ("splits", [("observation_id", observation)]),
    ];

    private static FormUrlEncodedContent Form(string token, IEnumerable<(string Name, string Value)> fields) =>
        new([KeyValuePair.Create("csrf", token), .. fields.Select(f => KeyValuePair.Create(f.Name, f.Value))]);

    /// <summary>Sam Lee said by two sources with nothing else: the name alone joins them; the second's observation (at
    /// Acme) is the one to split off.</summary>
    private static async Task<(string AliceId, string Sam, string Observation)> AlicesSamAsync(RunningServer server, string key)
    {
        var aliceId = (await server.Services.Users.AuthenticateAsync(key, None))!.Id;
        var first = await server.Services.Structured.StoreAsync(aliceId, new StoreRequest([
            Samples.Json("""{"entity_type":"contact","name":"Sam Lee","title":"nurse"}""")]), None);
        var second = await server.Services.Structured.StoreAsync(aliceId, new StoreRequest([
            Samples.Json("""{"entity_type":"contact","name":"Sam Lee","company":"Acme"}""")]), None);
        Assert.Equal(first.Entities[0].EntityId, second.Entities[0].EntityId);
        return (aliceId, first.Entities[0].EntityId, second.Entities[0].ObservationId);
    }
}

public sealed class EntityChangePageTestsOnSqlite : EntityChangePageTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class EntityChangePageTestsOnPostgres : EntityChangePageTests
{
    protected override Backend Backend => Backend.Postgres;
}
