using System.Text.Json;
using Strata.Core;
using Strata.Core.Entities;
using Strata.Core.Snapshots;

namespace Strata.Storage.Compliance;

/// <summary>The contract of a text query on every database: every word of the query occurs in what an entity says; a
/// query of whole words ranks first the entities where each word begins a word (case and diacritics aside), then the
/// others; each part newest first; a total only when asked for; the index follows renames and merges.</summary>
public abstract class TextQueryCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_whole_word_or_the_start_of_one_finds_the_entity()
    {
        var alice = await UserAsync("alice");
        await AddAsync(alice, ("ent_ada", "Ada Lovelace"), ("ent_north", "North Analytics Ltd"));

        Assert.Equal(["ent_ada"], await FindAsync(alice, "lovelace"));
        Assert.Equal(["ent_ada"], await FindAsync(alice, "Love"));
        Assert.Equal(["ent_north"], await FindAsync(alice, "north analytics"));
        Assert.Equal(["ent_north"], await FindAsync(alice, "ANALYTICS north"));
        Assert.Empty(await FindAsync(alice, "north lovelace"));
    }

    [Fact]
    public async Task A_piece_inside_a_word_still_finds_the_entity()
    {
        var alice = await UserAsync("alice");
        await AddAsync(alice, ("ent_ada", "Ada Lovelace"), ("ent_mail", "Grace grace@example.org"));

        Assert.Equal(["ent_ada"], await FindAsync(alice, "velac"));
        Assert.Equal(["ent_ada"], await FindAsync(alice, "da lace"));
        Assert.Equal(["ent_mail"], await FindAsync(alice, "@example.o"));
        Assert.Equal(["ent_mail"], await FindAsync(alice, "ample"));
    }

    [Fact]
    public async Task A_piece_is_found_only_where_it_occurs_whole_not_where_its_trigrams_occur_apart()
    {
        // "abcd" is the trigrams abc and bcd: ent_apart holds both, in different words, and is no answer; nor does
        // "ovelo" find "lovelace" (ove, vel, elo: elo is nowhere).
        var alice = await UserAsync("alice");
        await AddAsync(alice, ("ent_apart", "xabcx ybcdy"), ("ent_whole", "zabcdz"), ("ent_ada", "Ada Lovelace"));

        Assert.Equal(["ent_whole"], await FindAsync(alice, "abcd"));
        Assert.Equal(["ent_whole", "ent_apart"], await FindAsync(alice, "bc"));
        Assert.Equal(["ent_whole", "ent_apart"], await FindAsync(alice, "abc"));
        Assert.Empty(await FindAsync(alice, "ovelo"));
        Assert.Empty(await FindAsync(alice, "bcdabc"));
    }

    [Fact]
    public async Task Quotes_operators_and_characters_outside_the_basic_plane_are_searched_as_written()
    {
        var alice = await UserAsync("alice");
        await AddAsync(alice, ("ent_q", "Say \"hi\" AND NOT or* (x) 🦀🦀🦀 crab"), ("ent_other", "say hi and not or x crab"));

        Assert.Equal(["ent_q"], await FindAsync(alice, "\"hi\""));
        Assert.Equal(["ent_q"], await FindAsync(alice, "or* (x)"));
        Assert.Equal(["ent_q"], await FindAsync(alice, "🦀🦀🦀"));
        Assert.Equal(["ent_q"], await FindAsync(alice, "🦀🦀 crab"));
        Assert.Equal(["ent_q"], await FindAsync(alice, "🦀"));
        Assert.Empty(await FindAsync(alice, "🦀🦀🦀🦀"));
    }

    [Fact]
    public async Task Diacritics_are_ignored_when_a_query_of_whole_words_matches_the_start_of_words()
    {
        var alice = await UserAsync("alice");
        await AddAsync(alice, ("ent_zoe", "Zoë Ångström"), ("ent_jose", "José Núñez"));

        Assert.Equal(["ent_zoe"], await FindAsync(alice, "zoe angstrom"));
        Assert.Equal(["ent_zoe"], await FindAsync(alice, "Zoë"));
        Assert.Equal(["ent_jose"], await FindAsync(alice, "jose nunez"));
        Assert.Equal(["ent_jose"], await FindAsync(alice, "núñez"));
        Assert.Equal(["ent_jose"], await FindAsync(alice, "ñe")); // a piece inside a word, as written
    }

    [Fact]
    public async Task A_renamed_entity_is_found_by_its_new_name_and_not_its_old_one_and_a_merged_one_not_at_all()
    {
        var alice = await UserAsync("alice");
        await AddAsync(alice, ("ent_a", "Ada Lovelace"), ("ent_b", "Augusta King"));

        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            await session.Entities.SaveSnapshotAsync(new PreparedSnapshot(SnapshotOf("ent_a", "Grace Hopper"), "grace hopper", []), None);
            Clock.Advance(TimeSpan.FromSeconds(1));
            await session.Entities.MarkMergedAsync("ent_b", "ent_a", Clock.GetUtcNow(), None);
            await session.Entities.SaveSnapshotAsync(new PreparedSnapshot(SnapshotOf("ent_b", "Augusta King") with { MergedInto = "ent_a" }, "augusta king", []), None);
            await session.CommitAsync(None);
        }

        Assert.Equal(["ent_a"], await FindAsync(alice, "hopper"));
        Assert.Equal(["ent_a"], await FindAsync(alice, "oppe"));
        Assert.Empty(await FindAsync(alice, "lovelace"));
        Assert.Empty(await FindAsync(alice, "ovelac"));
        Assert.Empty(await FindAsync(alice, "augusta"));
        Assert.Empty(await FindAsync(alice, "augusta", includeMerged: true));
    }

    [Fact]
    public async Task Entities_whose_words_begin_with_the_query_come_first_then_the_rest_each_newest_first_and_pages_follow_that_order()
    {
        var alice = await UserAsync("alice");
        // Oldest first: the newest entity holds "ann" only inside a word.
        await AddAsync(alice, ("ent_1", "Ann Lee"), ("ent_2", "Hannah Stone"), ("ent_3", "Anne Brown"), ("ent_4", "Joanna Smith"));

        Assert.Equal(["ent_3", "ent_1", "ent_4", "ent_2"], await FindAsync(alice, "ann"));
        Assert.Equal(["ent_3", "ent_1"], await FindAsync(alice, "ann", new Paging(2)));
        Assert.Equal(["ent_1", "ent_4"], await FindAsync(alice, "ann", new Paging(2, 1)));
        Assert.Equal(["ent_2"], await FindAsync(alice, "ann", new Paging(2, 3)));
        Assert.Empty(await FindAsync(alice, "ann", new Paging(2, 4)));

        await using var read = await Store.OpenReadAsync(alice, None);
        foreach (var paging in new[] { new Paging(2, IncludeTotal: true), new Paging(2, 2, IncludeTotal: true), new Paging(2, 9, IncludeTotal: true) })
        {
            Assert.Equal(4, (await read.Entities.QueryAsync(new EntityQuery(null, "ann", false, paging), None)).Total);
        }
        Assert.Null((await read.Entities.QueryAsync(new EntityQuery(null, "ann", false, new Paging(2)), None)).Total);
        Assert.Equal(1, (await read.Entities.QueryAsync(new EntityQuery(null, "lee ann", false, new Paging(IncludeTotal: true)), None)).Total);
        Assert.Equal(0, (await read.Entities.QueryAsync(new EntityQuery(null, "nobody", false, new Paging(IncludeTotal: true)), None)).Total);
    }

    /// <summary>Recall's lookups (<see cref="EntityQuery.WordsOnly"/>): only the entities where each word begins a word, in
    /// the same order and pages as the first part of the full query, with their own total; a text that is not whole words
    /// is still a substring query.</summary>
    [Fact]
    public async Task Words_only_leaves_out_the_entities_that_hold_a_word_only_inside_another()
    {
        var alice = await UserAsync("alice");
        await AddAsync(alice, ("ent_1", "Ann Lee"), ("ent_2", "Hannah Stone"), ("ent_3", "Anne Brown"), ("ent_4", "Joanna Smith"),
            ("ent_5", "Zoë Annecy"), ("ent_6", "O'Brien Bakery"), ("ent_7", "Doughnut o'brien-smith"));

        Assert.Equal(["ent_5", "ent_3", "ent_1"], await FindWordsAsync(alice, "ann"));
        Assert.Equal(["ent_3", "ent_1"], await FindWordsAsync(alice, "ann", new Paging(2, 1)));
        Assert.Empty(await FindWordsAsync(alice, "ann", new Paging(2, 3)));
        Assert.Equal(["ent_5"], await FindWordsAsync(alice, "zoe annec"));
        Assert.Empty(await FindWordsAsync(alice, "nnah"));
        Assert.Equal(["ent_2"], await FindAsync(alice, "nnah"));
        Assert.Equal(["ent_7", "ent_6"], await FindWordsAsync(alice, "o'brien"));

        await using var read = await Store.OpenReadAsync(alice, None);
        foreach (var paging in new[] { new Paging(2, IncludeTotal: true), new Paging(2, 5, IncludeTotal: true) })
        {
            Assert.Equal(3, (await read.Entities.QueryAsync(new EntityQuery(null, "ann", false, paging, WordsOnly: true), None)).Total);
        }
        Assert.Equal(0, (await read.Entities.QueryAsync(new EntityQuery(null, "nnah", false, new Paging(IncludeTotal: true), WordsOnly: true), None)).Total);
    }

    /// <summary>A word in hundreds of entities (SQLite pages it from the user's newest entities when it can: wave s42) pages
    /// newest first whether its newest hits are among the user's newest entities or only far back, with merged entities
    /// left out and an entity made newest by a later snapshot first.</summary>
    [Fact]
    public async Task A_common_word_pages_newest_first_whether_its_hits_are_recent_or_far_back()
    {
        var alice = await UserAsync("alice");
        // 5,600 entities a second apart: "rare" in the oldest 450 only (5,150 newer ones hold neither word), "often" in
        // every twelfth of them all, so both words have more hits than SQLite's threshold for the walk.
        var names = Enumerable.Range(0, 5600).Select(i => ($"ent_{i:D4}", $"Item {i}" + (i < 450 ? " rare" : "") + (i % 12 == 0 ? " often" : ""))).ToArray();
        await AddAsync(alice, names);
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            await session.Entities.SaveSnapshotAsync(new PreparedSnapshot(SnapshotOf("ent_0012", "Item 12 rare often"), "item 12 rare often", []), None);
            Clock.Advance(TimeSpan.FromSeconds(1));
            await session.Entities.MarkMergedAsync("ent_5592", "ent_0000", Clock.GetUtcNow(), None);
            await session.Entities.SaveSnapshotAsync(new PreparedSnapshot(SnapshotOf("ent_5592", "Item 5592 often") with { MergedInto = "ent_0000" },
                "item 5592 often", []), None);
            await session.CommitAsync(None);
        }

        var rare = new[] { "ent_0012" }.Concat(Enumerable.Range(0, 450).Reverse().Where(i => i != 12).Select(i => $"ent_{i:D4}")).ToList();
        Assert.Equal(rare.Take(20), await FindAsync(alice, "rare", new Paging(20)));
        Assert.Equal(rare.Skip(30).Take(20), await FindAsync(alice, "rare", new Paging(20, 30)));
        var often = new[] { "ent_0012" }.Concat(Enumerable.Range(0, 5600).Reverse().Where(i => i % 12 == 0 && i is not 12 and not 5592).Select(i => $"ent_{i:D4}"))
            .ToList();
        Assert.Equal(often.Take(20), await FindAsync(alice, "often", new Paging(20)));
        Assert.Equal(often.Skip(40).Take(20), await FindAsync(alice, "often", new Paging(20, 40)));
        Assert.Equal(often.Take(5), await FindAsync(alice, "OFTEN", new Paging(5)));
        Assert.Equal(often.Take(20), await FindWordsAsync(alice, "often", new Paging(20)));
        Assert.Equal(rare.Skip(30).Take(20), await FindWordsAsync(alice, "rare", new Paging(20, 30)));
    }

    [Fact]
    public async Task A_query_that_is_not_made_of_whole_words_ranks_only_by_time()
    {
        var alice = await UserAsync("alice");
        await AddAsync(alice, ("ent_1", "O'Brien Bakery"), ("ent_2", "Doughnut o'brien-smith"), ("ent_3", "Brien Oak"));

        Assert.Equal(["ent_2", "ent_1"], await FindAsync(alice, "o'brien"));
        Assert.Equal(["ent_3", "ent_2", "ent_1"], await FindAsync(alice, "brien"));
    }

    [Fact]
    public async Task Another_users_entities_are_never_found()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        await AddAsync(alice, ("ent_a", "Ada Lovelace"));
        await AddAsync(bob, ("ent_b", "Ada Lovelace"));

        Assert.Equal(["ent_a"], await FindAsync(alice, "ada lovelace"));
        Assert.Equal(["ent_a"], await FindAsync(alice, "velace"));
        Assert.Equal(["ent_b"], await FindAsync(bob, "ada"));
    }

    /// <summary>One entity per name, a second apart in the order given, each with its snapshot and search text.</summary>
    private async Task AddAsync(string userId, params (string Id, string Name)[] entities)
    {
        await using var session = await Store.OpenWriteAsync(userId, None);
        foreach (var (id, name) in entities)
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.True(await session.Entities.InsertAsync(new Entity(id, userId, "contact", name, null, null, Clock.GetUtcNow()), None));
            await session.Entities.SaveSnapshotAsync(new PreparedSnapshot(SnapshotOf(id, name), name.ToLowerInvariant(), []), None);
        }
        await session.CommitAsync(None);
    }

    private Snapshot SnapshotOf(string id, string name) => new(id, "contact", name,
        new Dictionary<string, JsonElement> { ["name"] = JsonSerializer.SerializeToElement(name) },
        new Dictionary<string, string> { ["name"] = "obs_" + id }, 1, Clock.GetUtcNow(), null);

    private async Task<List<string>> FindAsync(string userId, string text, Paging? paging = null, bool includeMerged = false,
        bool wordsOnly = false)
    {
        await using var read = await Store.OpenReadAsync(userId, None);
        var page = await read.Entities.QueryAsync(new EntityQuery(null, text, includeMerged, paging ?? new Paging(), WordsOnly: wordsOnly), None);
        return page.Items.Select(s => s.EntityId).ToList();
    }

    private Task<List<string>> FindWordsAsync(string userId, string text, Paging? paging = null) => FindAsync(userId, text, paging, wordsOnly: true);
}
