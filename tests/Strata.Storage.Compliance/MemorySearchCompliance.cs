using System.Text.Json;
using Strata.Core;
using Strata.Core.Entities;
using Strata.Core.Hashing;
using Strata.Core.MemoryServer;
using Strata.Core.Observations;
using Strata.Core.Schemas;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Storage.Compliance;

/// <summary>
/// <c>search_nodes</c> folds only the entities whose kept text may match (<see cref="MemoryEntityText"/>); it must answer
/// exactly as folding the whole graph does: <c>read_graph</c> filtered by the same match, with the relations touching
/// what it found. Each test compares the two after writes of every kind that reach a <c>memory_entity</c>.
/// </summary>
public abstract class MemorySearchCompliance : StoreCompliance, IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "strata-memory-search-" + Guid.NewGuid().ToString("N"));
    private StrataServices? _services;

    private StrataServices Strata => _services ??= new StrataServices(Store, new FileBlobStore(Path.Combine(_directory, "blobs")), [],
        new StrataOptions { SpoolDirectory = Path.Combine(_directory, "spool") }, Clock);

    private MemoryServerService Memory => Strata.MemoryServer;

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        GC.SuppressFinalize(this);
    }

    private static readonly string[] Names =
        ["Ada Lovelace", "ada lovelace", "Adà Lovelace", "Benjamin Weeks", "Ben Weekes", "Carol", "Zoë Brun", "Karl Marx"];

    private static readonly string[] Types = ["person", "Person", "company"];

    private static readonly string[] Strings =
        ["likes tea", "Café owner on Rue Lamarck", "plays the cello", "born 1815", "weeks of work", "brun et blanc", "TEA at five"];

    private static readonly string[] RelationTypes = ["knows", "works_at"];

    private static readonly string[] Queries =
    [
        "ada", "ADA LOV", "lovelace ada", "adà", "Weeks", "wekes", "ben weeks", "cafe", "chello", "cello plays", "1815", "person",
        "company", "e", "tea", "zoe", "brown", "Karl", "marks", "", "xyz", "five tea", "r\nc",
    ];

    /// <summary>What folding the whole graph answers: every entity that matches now, with the relations touching any.</summary>
    private async Task<string> WholeGraphAnswerAsync(string userId, string query)
    {
        var graph = await Memory.ReadGraphAsync(userId, null, None);
        var search = new MemorySearch(query);
        var found = graph.Entities.Where(search.Matches).ToList();
        var names = found.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        return JsonSerializer.Serialize(new MemoryGraph(found, graph.Relations.Where(r => names.Contains(r.From) || names.Contains(r.To)).ToList()));
    }

    private async Task AssertSearchesAsWholeGraphAsync(string userId, IEnumerable<string> queries)
    {
        // Each query twice: the first search of a generation answers by the statements, the later ones from the kept rows.
        foreach (var query in queries.Concat(queries))
        {
            var searched = JsonSerializer.Serialize(await Memory.SearchNodesAsync(userId, query, None));
            Assert.True(await WholeGraphAnswerAsync(userId, query) == searched, $"search_nodes \"{query}\" answered {searched}");
        }
    }

    [Fact]
    public async Task Random_calls_of_the_nine_tools_leave_search_answering_as_folding_the_whole_graph()
    {
        var alice = await UserAsync("alice");
        var random = new Random(28);
        string Any(string[] pool) => pool[random.Next(pool.Length)];
        List<string> Some(string[] pool) => Enumerable.Range(0, random.Next(4)).Select(_ => Any(pool)).ToList();

        for (var step = 1; step <= 80; step++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            switch (random.Next(6))
            {
                case 0 or 1:
                    await Memory.CreateEntitiesAsync(alice, [new MemoryEntity(Any(Names), Any(Types), Some(Strings)), new MemoryEntity(Any(Names), Any(Types), Some(Strings))], None);
                    break;
                case 2:
                    await Memory.CreateRelationsAsync(alice, [new MemoryRelation(Any(Names), Any(Names), Any(RelationTypes))], None);
                    break;
                case 3:
                    var name = Any(Names);
                    if ((await Memory.OpenNodesAsync(alice, [name], None)).Entities.Count > 0)
                    {
                        await Memory.AddObservationsAsync(alice, [new MemoryObservationAddition(name, Some(Strings))], None);
                    }
                    break;
                case 4:
                    await Memory.DeleteObservationsAsync(alice, [new MemoryObservationDeletion(Any(Names), Some(Strings))], None);
                    break;
                default:
                    await Memory.DeleteEntitiesAsync(alice, [Any(Names)], None);
                    break;
            }
            if (step % 20 == 0) await AssertSearchesAsWholeGraphAsync(alice, Queries);
        }
        // Something was found and something was not: the comparison above compared answers, not two empty lists.
        Assert.NotEmpty((await Memory.SearchNodesAsync(alice, "e", None)).Entities);
        Assert.Empty((await Memory.SearchNodesAsync(alice, "xyz", None)).Entities);
    }

    [Fact]
    public async Task A_memory_entity_is_found_by_what_it_holds_and_never_by_the_call_that_wrote_it()
    {
        var alice = await UserAsync("alice");
        await Memory.CreateEntitiesAsync(alice, [new MemoryEntity("Grace Hopper", "admiral", ["wrote the first compiler"])], None);
        await using var read = await Store.OpenReadAsync(alice, None);
        var entity = (await read.Entities.QueryAsync(new EntityQuery(null, "grace hopper", false, new Paging()), None)).Items.Single();
        var written = (await read.Observations.ListForEntityAsync(entity.EntityId, null, None)).Single().Fields;
        var call = written[MemoryEntityFields.Call].GetString()!;
        var op = written[MemoryEntityFields.Op].GetString()!;
        Assert.Equal("create", op);
        async Task<int> Found(string text) => (await read.Entities.QueryAsync(new EntityQuery(null, text, false, new Paging()), None)).Items.Count;
        Assert.Equal(1, await Found("admiral"));
        Assert.Equal(1, await Found("first compiler"));
        // The call's id and the operation are how it was written, not what it says: a text query for either finds nothing.
        Assert.Equal(0, await Found(call));
        Assert.Equal(0, await Found(call[..12]));
        Assert.Equal(0, await Found(op));
    }

    [Fact]
    public async Task An_entity_given_more_text_than_is_kept_is_still_searched_and_found_by_its_last_words()
    {
        var alice = await UserAsync("alice");
        await Memory.CreateEntitiesAsync(alice, [new MemoryEntity("Talkative", "person", []), new MemoryEntity("Quiet", "person", ["says little"])], None);
        var sentence = string.Concat(Enumerable.Repeat("a long story told again ", 25)); // 600 characters
        for (var call = 0; call < 6; call++)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            await Memory.AddObservationsAsync(alice, [new MemoryObservationAddition("Talkative",
                Enumerable.Range(0, 10).Select(i => $"{call}.{i} {sentence}").ToList())], None);
        }
        await Memory.AddObservationsAsync(alice, [new MemoryObservationAddition("Talkative", ["the final word: zebra"])], None);

        await using (var session = await Store.OpenReadAsync(alice, None))
        {
            var texts = (await session.Entities.ListMemoryTextsAsync(None)).ToDictionary(row => row.EntityId, row => row.Text);
            Assert.Null(texts[EntityIdOf(alice, "Talkative")]);
            Assert.Equal("Quiet\nperson\nsays little", texts[EntityIdOf(alice, "Quiet")]);
        }
        Assert.Equal(["Talkative"], (await Memory.SearchNodesAsync(alice, "zebra", None)).Entities.Select(e => e.Name));
        Assert.Equal(["Talkative"], (await Memory.SearchNodesAsync(alice, "zebar", None)).Entities.Select(e => e.Name));
        await AssertSearchesAsWholeGraphAsync(alice, ["zebra", "story", "little", "person", "xyz"]);
    }

    [Fact]
    public async Task Entities_merged_in_Strata_and_memory_records_stored_by_Strata_s_own_write_are_searched_as_the_whole_graph()
    {
        var alice = await UserAsync("alice");
        await Memory.CreateEntitiesAsync(alice, [new MemoryEntity("Ada", "person", ["likes tea"]), new MemoryEntity("ada", "username", ["plays chess"])], None);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Strata.Merges.MergeAsync(alice, EntityIdOf(alice, "ada"), EntityIdOf(alice, "Ada"), "one person", None);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Memory.AddObservationsAsync(alice, [new MemoryObservationAddition("ada", ["wins at go"])], None);
        using (var record = JsonDocument.Parse("""
            {"entity_type":"memory_entity","name":"Dora","op":"create","memory_type":"robot","observations":["sweeps floors"],"call":"c1"}
            """))
        {
            await Strata.Structured.StoreAsync(alice, new StoreRequest([record.RootElement.Clone()]), None);
        }

        Assert.Equal(["Ada", "ada"], (await Memory.SearchNodesAsync(alice, "ada", None)).Entities.Select(e => e.Name));
        Assert.Equal(["ada"], (await Memory.SearchNodesAsync(alice, "go wins", None)).Entities.Select(e => e.Name));
        Assert.Equal(["Dora"], (await Memory.SearchNodesAsync(alice, "floors", None)).Entities.Select(e => e.Name));
        await AssertSearchesAsWholeGraphAsync(alice, ["ada", "chess", "tea", "wins", "robot", "flors", "xyz"]);
    }

    [Fact]
    public async Task Parallel_calls_adding_and_removing_observations_of_the_same_entities_leave_each_kept_state_equal_to_the_fold()
    {
        var alice = await UserAsync("alice");
        await Memory.CreateEntitiesAsync(alice, [new MemoryEntity("Ada", "person", ["likes tea"]), new MemoryEntity("Ben", "person", [])], None);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(async () =>
        {
            await Memory.AddObservationsAsync(alice, [
                new MemoryObservationAddition("Ada", [$"fact {i}", "shared"]), new MemoryObservationAddition("Ben", [$"note {i}"])], None);
            if (i % 3 == 0) await Memory.DeleteObservationsAsync(alice, [new MemoryObservationDeletion("Ada", ["likes tea", $"fact {i}"])], None);
        })));

        await KeptMemoryStates.AssertEqualToTheFoldAsync(Store, Memory, alice);
        var ada = (await Memory.OpenNodesAsync(alice, ["Ada"], None)).Entities.Single();
        // Every call's additions are kept, each string once; the removals took theirs.
        Assert.Equal(Enumerable.Range(0, 12).Where(i => i % 3 != 0).Select(i => $"fact {i}").Append("shared").Order(StringComparer.Ordinal),
            ada.Observations.Order(StringComparer.Ordinal));
        Assert.Equal(12, (await Memory.SearchNodesAsync(alice, "Ben", None)).Entities.Single().Observations.Count);
        await AssertSearchesAsWholeGraphAsync(alice, ["ada", "fact", "note 7", "shared", "tea"]);
    }

    [Fact]
    public async Task Another_user_s_entities_and_relations_of_the_same_names_never_appear_in_a_search()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        await Memory.CreateEntitiesAsync(alice, [new MemoryEntity("Ada", "person", ["likes tea"])], None);
        await Memory.CreateEntitiesAsync(bob, [new MemoryEntity("Ada", "spy", ["secret tea"]), new MemoryEntity("Bob", "person", ["bob's tea"])], None);
        await Memory.CreateRelationsAsync(bob, [new MemoryRelation("Ada", "Bob", "reports_to"), new MemoryRelation("Bob", "Ada", "handles")], None);

        var found = await Memory.SearchNodesAsync(alice, "tea", None);
        Assert.Equal("""{"entities":[{"name":"Ada","entityType":"person","observations":["likes tea"]}],"relations":[]}""",
            JsonSerializer.Serialize(found));
        // Bob's ids read in Alice's session answer exactly as missing ones.
        await using var session = await Store.OpenReadAsync(alice, None);
        string[] bobs = [EntityIdOf(bob, "Ada"), EntityIdOf(bob, "Bob")];
        Assert.Empty(await session.Entities.ListMemoryStatesAsync(bobs, None));
        Assert.Empty(await session.Relations.HoldingWithEndNamesAsync(bobs, "memory:", Clock.GetUtcNow(), None));
    }

    /// <summary>Another process on the same store: its own services, so its own <see cref="MemorySearchIndex"/>.</summary>
    private StrataServices OtherProcess(long searchCacheBytes = StrataOptions.DefaultMemorySearchCacheBytes) =>
        new(Store, new FileBlobStore(Path.Combine(_directory, "blobs")), [],
            new StrataOptions { SpoolDirectory = Path.Combine(_directory, "spool-" + Guid.NewGuid().ToString("N")), MemorySearchCacheBytes = searchCacheBytes }, Clock);

    [Fact]
    public async Task Rows_kept_in_memory_for_search_are_never_stale_after_another_process_writes_merges_or_deletes()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var other = OtherProcess();
        await Memory.CreateEntitiesAsync(alice, [new MemoryEntity("Ada", "person", ["likes tea"]), new MemoryEntity("Ben", "person", ["plays chess"])], None);
        await Memory.CreateRelationsAsync(alice, [new MemoryRelation("Ada", "Ben", "knows")], None);
        // The first search of a generation answers by the statements; the second reads the rows and keeps them.
        Assert.Equal(["Ada"], (await Memory.SearchNodesAsync(alice, "tea", None)).Entities.Select(e => e.Name));
        Assert.Equal(0, Memory.SearchIndex.AccountedBytes);
        Assert.Equal(["Ada"], (await Memory.SearchNodesAsync(alice, "tea", None)).Entities.Select(e => e.Name));
        Assert.True(Memory.SearchIndex.AccountedBytes > 0, "the second search kept Alice's rows in memory");
        var kept = Memory.SearchIndex.AccountedBytes;
        Assert.Equal(["Ada"], (await Memory.SearchNodesAsync(alice, "tea", None)).Entities.Select(e => e.Name));
        Assert.Equal(kept, Memory.SearchIndex.AccountedBytes);

        // Each change below is written by the other process; this one's next search must see it.
        Clock.Advance(TimeSpan.FromSeconds(1));
        await other.MemoryServer.CreateEntitiesAsync(alice, [new MemoryEntity("Cy", "robot", ["drinks tea"])], None);
        await AssertSearchesAsWholeGraphAsync(alice, ["tea", "chess", "robot", "cy"]);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await other.MemoryServer.AddObservationsAsync(alice, [new MemoryObservationAddition("Ben", ["tea at five"])], None);
        await other.MemoryServer.CreateRelationsAsync(alice, [new MemoryRelation("Cy", "Ben", "serves"), new MemoryRelation("Cy", "Nobody Yet", "knows")], None);
        await AssertSearchesAsWholeGraphAsync(alice, ["tea", "five", "chess", "cy", "nobody"]);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await other.MemoryServer.DeleteObservationsAsync(alice, [new MemoryObservationDeletion("Ada", ["likes tea"])], None);
        await AssertSearchesAsWholeGraphAsync(alice, ["tea", "likes", "ada"]);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await other.Merges.MergeAsync(alice, EntityIdOf(alice, "Cy"), EntityIdOf(alice, "Ada"), "one", None);
        await AssertSearchesAsWholeGraphAsync(alice, ["tea", "cy", "ada", "robot", "serves"]);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await other.MemoryServer.DeleteEntitiesAsync(alice, ["Ben"], None);
        await AssertSearchesAsWholeGraphAsync(alice, ["tea", "chess", "ben", "ada"]);
        Assert.Empty((await Memory.SearchNodesAsync(alice, "chess", None)).Entities);

        // Bob's writes change nothing of Alice's answers, and his search never sees her rows.
        await other.MemoryServer.CreateEntitiesAsync(bob, [new MemoryEntity("Ada", "spy", ["secret tea"])], None);
        Assert.Equal("""["spy"]""", JsonSerializer.Serialize((await Memory.SearchNodesAsync(bob, "tea", None)).Entities.Select(e => e.EntityType)));
        await AssertSearchesAsWholeGraphAsync(alice, ["tea", "secret", "spy"]);

        // A process that keeps nothing (or too little for a user's rows) answers the same.
        foreach (var bytes in new long[] { 0, 200 })
        {
            var none = OtherProcess(bytes).MemoryServer;
            foreach (var query in new[] { "tea", "ada", "robot", "serves", "nobody", "xyz" })
            {
                Assert.Equal(JsonSerializer.Serialize(await Memory.SearchNodesAsync(alice, query, None)),
                    JsonSerializer.Serialize(await none.SearchNodesAsync(alice, query, None)));
            }
            Assert.Equal(0, none.SearchIndex.AccountedBytes);
        }
    }

    [Fact]
    public async Task Relations_kept_in_memory_hold_or_not_by_each_search_s_own_time_as_the_database_decides()
    {
        var alice = await UserAsync("alice");
        await Memory.CreateEntitiesAsync(alice, [new MemoryEntity("Ada", "person", ["likes tea"]), new MemoryEntity("Ben", "person", ["likes tea too"])], None);
        var from = Clock.GetUtcNow().AddHours(1);
        using (var relation = JsonDocument.Parse($$"""
            {"from":"{{EntityIdOf(alice, "Ada")}}","relation_type":"memory:meets","to":"{{EntityIdOf(alice, "Ben")}}",
             "valid_from":"{{from:O}}","valid_to":"{{from.AddHours(1):O}}"}
            """))
        {
            await Strata.Structured.StoreAsync(alice, new StoreRequest([], Relations: [relation.RootElement.Clone()]), None);
        }
        Assert.Empty((await Memory.SearchNodesAsync(alice, "tea", None)).Relations);
        Assert.Empty((await Memory.SearchNodesAsync(alice, "tea", None)).Relations);
        var kept = Memory.SearchIndex.AccountedBytes;
        Assert.True(kept > 0, "the second search kept Alice's rows in memory");

        // Nothing is written from here on: the same kept rows answer, each search deciding by its own time.
        Clock.Advance(TimeSpan.FromMinutes(90));
        Assert.Equal([new MemoryRelation("Ada", "Ben", "meets")], (await Memory.SearchNodesAsync(alice, "tea", None)).Relations);
        await AssertSearchesAsWholeGraphAsync(alice, ["tea", "ada", "ben"]);
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty((await Memory.SearchNodesAsync(alice, "tea", None)).Relations);
        await AssertSearchesAsWholeGraphAsync(alice, ["tea", "ada", "ben"]);
        Assert.Equal(kept, Memory.SearchIndex.AccountedBytes);
    }

    private static string EntityIdOf(string userId, string name) =>
        StrataIds.EntityByIdentity(userId, BuiltInSchemas.MemoryEntity, "name=" + name);
}
