using Strata.Acceptance.Tests.Support;
using Strata.Core.Errors;
using Strata.Core.Imports;
using Strata.Core.Recall;
using Strata.Core;

namespace Strata.Acceptance.Tests.Recall;

/// <summary>recall over imported messages and document blocks, on both databases: the right passage first for a
/// question in other words, provenance that slices the exact characters, time, neighbours, isolation and bounds.</summary>
public sealed class RecallTests
{
    private static async Task<(TestStrata Strata, string User)> FriendsAsync(string backend, string? configurationJson = null)
    {
        var strata = TestStrata.Create(backend, configurationJson: configurationJson);
        var user = await strata.UserAsync("alice");
        await strata.Services.ChatImports.ImportAsync(user,
            new ChatImportRequest(MessageFiles.Of(MessageFiles.Friends()), ChatProviders.Messages, "friends.jsonl", FullPass: false), null, CancellationToken.None);
        await strata.RunDueJobsAsync();
        return (strata, user);
    }

    private static Task<RecallAnswer> AskAsync(TestStrata strata, string user, string question, int k = 5, DateTimeOffset? asOf = null) =>
        strata.Services.Recall.RecallAsync(user, new RecallRequest(question, k, [RecallKinds.Message], AsOf: asOf), CancellationToken.None);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_question_in_other_words_finds_the_message_first_with_provenance_to_its_characters(string backend)
    {
        var (strata, user) = await FriendsAsync(backend);
        using var _ = strata;

        var answer = await AskAsync(strata, user, "When did Caroline visit the agency about adopting?");

        var first = answer.Results[0];
        Assert.Equal(RecallKinds.Message, first.Kind);
        Assert.Equal("s1-1", first.Provenance.MessageId);
        Assert.Equal("s1", first.Provenance.ConversationId);
        Assert.Equal("Caroline", first.Provenance.Speaker);
        Assert.Equal(DateTimeOffset.Parse("2023-05-08T13:56:00Z", System.Globalization.CultureInfo.InvariantCulture), first.Provenance.Time);
        Assert.True(first.Scores.ContainsKey(RecallSignals.Bm25));
        var block = await strata.Services.Documents.GetBlockAsync(user, first.Provenance.BlockUid!, CancellationToken.None);
        Assert.Equal(first.Text, block.Content[first.Provenance.CharStart!.Value..first.Provenance.CharEnd!.Value]);
        Assert.Contains("[1] message · Caroline · 2023-05-08 13:56", answer.Context);
        Assert.Contains("conversation s1 message s1-1", answer.Context);
        Assert.False(answer.Partial, string.Join(" ", answer.PartialReasons));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_message_is_found_by_the_turn_before_it_and_a_synonym_finds_its_word(string backend)
    {
        var (strata, user) = await FriendsAsync(backend);
        using var _ = strata;

        // s1-2 ("How did it feel?") shares no word with the question; it is the reply to the agency message, and the
        // neighbour signal brings it in.
        var neighbour = await AskAsync(strata, user, "adoption agency", k: 5);
        var reply = neighbour.Results.Single(r => r.Provenance.MessageId == "s1-2");
        Assert.True(reply.Scores.ContainsKey(RecallSignals.Neighbour));
        Assert.False(reply.Scores.ContainsKey(RecallSignals.Bm25));

        // "occupation" is WordNet's synonym of "job": only the synonyms folded into BM25 (Recall:ExpansionShare) find s2-2.
        var synonym = await AskAsync(strata, user, "occupation", k: 3);
        Assert.Equal("s2-2", synonym.Results[0].Provenance.MessageId);
        Assert.True(synonym.Results[0].Scores.ContainsKey(RecallSignals.Bm25));
        Assert.False(synonym.Results[0].Scores.ContainsKey(RecallSignals.Expansion));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Synonyms_count_at_their_share_of_BM25_and_as_a_list_of_their_own_only_when_weighted(string backend)
    {
        // Without the share, nothing the question says is in s2-2 ("job"), and BM25 cannot find it.
        var (plain, user) = await FriendsAsync(backend, """{"Recall":{"ExpansionShare":0}}""");
        using (plain)
        {
            Assert.DoesNotContain((await AskAsync(plain, user, "occupation", k: 50)).Results, r => r.Provenance.MessageId == "s2-2");
        }

        // The list of their own, weighted again, joins the fusion beside BM25, which still holds them at their share.
        var (listed, listedUser) = await FriendsAsync(backend, """{"Recall":{"Weights":{"expansion":0.25}}}""");
        using var _ = listed;
        var first = (await AskAsync(listed, listedUser, "occupation", k: 3)).Results[0];
        Assert.Equal("s2-2", first.Provenance.MessageId);
        Assert.True(first.Scores.ContainsKey(RecallSignals.Expansion));
        Assert.True(first.Scores[RecallSignals.Bm25] < first.Scores[RecallSignals.Expansion]);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_irregular_form_asks_for_its_word_and_the_two_count_as_one_word(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var user = await strata.UserAsync("alice");
        await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(MessageFiles.Of(
            new MessageFiles.Line("c1", "c1-1", "Tom", "2024-04-20T18:00:00Z", "I bought a canoe last week.", "Boats"),
            new MessageFiles.Line("c1", "c1-2", "Ann", "2024-04-20T18:01:00Z", "Where do you buy paddles?"),
            new MessageFiles.Line("c1", "c1-3", "Tom", "2024-04-20T18:02:00Z", "See you next week."),
            new MessageFiles.Line("c1", "c1-4", "Ann", "2024-04-20T18:03:00Z", "The children were paid for the chores.")),
            ChatProviders.Messages, "boats.jsonl", FullPass: false), null, CancellationToken.None);
        await strata.RunDueJobsAsync();

        // The stemmer cannot meet "buy" and "bought", nor "child" and "children": WordNet's exception lists do.
        var buy = await AskAsync(strata, user, "what did they buy?", k: 4);
        Assert.True(buy.Results.Single(r => r.Provenance.MessageId == "c1-1").Scores[RecallSignals.Bm25] > 0);
        var child = await AskAsync(strata, user, "which child was given pay?", k: 1);
        Assert.Equal("c1-4", child.Results[0].Provenance.MessageId);

        // "bought" is scored with the IDF of every unit holding a form of "buy" (two), as "week" (two units) is: in the
        // same message, once each, the two words score the same. Were the forms two words, "bought" (one unit) would
        // weigh more.
        static double Bm25Of(RecallAnswer answer) => answer.Results.Single(r => r.Provenance.MessageId == "c1-1").Scores[RecallSignals.Bm25];
        var bought = Bm25Of(await AskAsync(strata, user, "bought", k: 4));
        var week = Bm25Of(await AskAsync(strata, user, "week", k: 4));
        Assert.Equal(week, bought, 9);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_named_time_boosts_the_messages_of_then_and_an_exact_identifier_is_found_whole(string backend)
    {
        var (strata, user) = await FriendsAsync(backend);
        using var _ = strata;

        var spring = await AskAsync(strata, user, "what did Melanie paint last spring?", asOf: DateTimeOffset.Parse("2024-01-10T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("last spring", spring.TimeWindow!.Expression);
        Assert.Equal(new DateTimeOffset(2023, 3, 1, 0, 0, 0, TimeSpan.Zero), spring.TimeWindow.From);
        Assert.Equal("s1-4", spring.Results[0].Provenance.MessageId);
        Assert.True(spring.Results[0].Scores.ContainsKey(RecallSignals.Time));

        var identifier = await AskAsync(strata, user, "deploy-v2.4.7-hotfix", k: 1);
        Assert.Equal("s2-5", identifier.Results[0].Provenance.MessageId);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Recall_sees_only_the_callers_messages_and_a_window_leaves_later_messages_out(string backend)
    {
        var (strata, alice) = await FriendsAsync(backend);
        using var _ = strata;
        var bob = await strata.UserAsync("bob");

        var bobs = await AskAsync(strata, bob, "adoption agency");
        var asOf = await AskAsync(strata, alice, "job at the hospital", asOf: DateTimeOffset.Parse("2023-06-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Empty(bobs.Results);
        Assert.DoesNotContain(asOf.Results, r => r.Provenance.ConversationId == "s2");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Document_blocks_are_recalled_with_their_block_uid_and_the_context_keeps_to_its_budget(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var user = await strata.UserAsync("alice");
        var project = await strata.Services.Projects.CreateAsync(user, "notes", CancellationToken.None);
        var markdown = "# Garden\n\nThe tomatoes need watering every morning in July.\n\n# Car\n\nThe automobile's tyres were replaced at the garage in March.\n";
        await strata.Services.Documents.AddFileAsync(user, project.ProjectId, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(markdown)), "notes.md",
            "text/markdown", wait: true, CancellationToken.None);

        var answer = await strata.Services.Recall.RecallAsync(user, new RecallRequest("when were the car tyres changed?", 3, TokenBudget: 50), CancellationToken.None);

        var first = answer.Results[0];
        Assert.Equal(RecallKinds.Block, first.Kind);
        Assert.Contains("tyres were replaced", first.Text);
        Assert.Equal(["Car"], first.Provenance.HeadingPath);
        Assert.NotNull(first.Provenance.BlockUid);
        Assert.True(answer.ContextTokens <= 50);
        Assert.True(answer.Context.Length <= 50 * RecallContextText.CharactersPerToken);
    }

    [Fact]
    public async Task A_question_that_is_empty_or_asks_for_an_unknown_kind_is_refused()
    {
        // On one database: the question is refused before the store is read, so there is nothing to tell them apart.
        using var strata = TestStrata.Create(Backends.Sqlite);
        var user = await strata.UserAsync("alice");

        var empty = await Assert.ThrowsAsync<StrataException>(() => strata.Services.Recall.RecallAsync(user, new RecallRequest("  "), CancellationToken.None));
        var kind = await Assert.ThrowsAsync<StrataException>(() => strata.Services.Recall.RecallAsync(user, new RecallRequest("x", Kinds: ["relations"]), CancellationToken.None));
        var k = await Assert.ThrowsAsync<StrataException>(() => strata.Services.Recall.RecallAsync(user, new RecallRequest("x", K: 0), CancellationToken.None));

        Assert.All(new[] { empty, kind, k }, e => Assert.Equal(ErrorCodes.ValidationFailed, e.Code));
        Assert.Contains("'relations'", kind.Message);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_term_past_the_per_term_bound_is_skipped_and_the_answer_says_it_is_partial(string backend)
    {
        using var strata = TestStrata.Create(backend, configurationJson: """{"Recall":{"PostingsPerTerm":3}}""");
        var user = await strata.UserAsync("alice");
        var lines = Enumerable.Range(0, 6).Select(i => new MessageFiles.Line("c", $"m{i}", "Ann", null, $"coffee number {i}")).ToArray();
        await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(MessageFiles.Of(lines), ChatProviders.Messages, "c.jsonl", false), null, CancellationToken.None);
        await strata.RunDueJobsAsync();

        var answer = await strata.Services.Recall.RecallAsync(user, new RecallRequest("coffee"), CancellationToken.None);

        Assert.True(answer.Partial);
        Assert.Contains(answer.PartialReasons, r => r.Contains("'coffe' is in more than 3", StringComparison.Ordinal));
    }
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_answer_to_a_short_question_is_found_through_the_question_and_a_long_request_lends_its_reply_nothing(string backend)
    {
        // Three turns name the half marathon; after each comes a turn that does not. Only m4 asks a short question, so its
        // reply m5 (the answer: "One fifty-two!") ranks above the other turns that follow a match. m6 asks too, in a long
        // request, and its reply m7 takes no reply vote.
        var lines = new[]
        {
            new MessageFiles.Line("c", "m0", "Ann", null, "Half marathon training today."),
            new MessageFiles.Line("c", "m1", "Dev", null, "Nice, keep going."),
            new MessageFiles.Line("c", "m2", "Ann", null, "The half marathon route is hilly."),
            new MessageFiles.Line("c", "m3", "Dev", null, "Take it slowly on the climbs."),
            new MessageFiles.Line("c", "m4", "Ann", null, "So how did it go in the end with the half marathon, after all those weeks of early runs?"),
            new MessageFiles.Line("c", "m5", "Dev", null, "One fifty-two! Under two hours at last."),
            new MessageFiles.Line("c", "m6", "Ann", null, "I am writing a long note about the club's half marathon for the newsletter, with the route, "
                + "the times of everyone who ran and the photographs; could you read it through for me?"),
            new MessageFiles.Line("c", "m7", "Dev", null, "Sure, send it over."),
        };
        async Task<RecallAnswer> AskAsync(string? configurationJson)
        {
            using var strata = TestStrata.Create(backend, configurationJson: configurationJson);
            var user = await strata.UserAsync("alice");
            await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(MessageFiles.Of(lines), ChatProviders.Messages, "c.jsonl", false), null, CancellationToken.None);
            await strata.RunDueJobsAsync();
            return await strata.Services.Recall.RecallAsync(user, new RecallRequest("What time did Dev get in the half marathon?", 8, Kinds: ["message"]),
                CancellationToken.None);
        }
        int Rank(RecallAnswer answer, string id) => answer.Results.Select(r => r.Provenance.MessageId).ToList().IndexOf(id);

        var answer = await AskAsync(null);
        var reply = answer.Results.Single(r => r.Provenance.MessageId == "m5");
        Assert.True(reply.Scores.ContainsKey(RecallSignals.Reply));
        Assert.True(Rank(answer, "m5") < Rank(answer, "m1") && Rank(answer, "m5") < Rank(answer, "m3") && Rank(answer, "m5") < Rank(answer, "m7"),
            string.Join(", ", answer.Results.Select(r => r.Provenance.MessageId)));
        Assert.Equal(new[] { "m5" }, answer.Results.Where(r => r.Scores.ContainsKey(RecallSignals.Reply)).Select(r => r.Provenance.MessageId ?? "").ToArray());

        // Weighted 0, the signal is not asked for (the blocks are not read).
        var without = await AskAsync("""{"Recall":{"Weights":{"reply":0}}}""");
        Assert.DoesNotContain(without.Results, r => r.Scores.ContainsKey(RecallSignals.Reply));
        // Without it the answer is only a neighbour of a long, weak match, below the turns after the short, strong ones.
        Assert.True(Rank(without, "m5") > Rank(without, "m1") && Rank(without, "m5") > Rank(without, "m3"),
            string.Join(", ", without.Results.Select(r => r.Provenance.MessageId)));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Synonyms_nothing_uses_are_not_read_so_they_cannot_make_an_answer_partial(string backend)
    {
        // "job" (WordNet's synonym of "occupation") is in six messages, past the bound of 3: read, it is skipped and said.
        var lines = Enumerable.Range(0, 6).Select(i => new MessageFiles.Line("c", $"m{i}", "Ann", null, $"my job number {i}"))
            .Append(new MessageFiles.Line("c", "m6", "Ann", null, "my occupation is baking")).ToArray();
        async Task<RecallAnswer> AskAsync(string configurationJson)
        {
            using var strata = TestStrata.Create(backend, configurationJson: configurationJson);
            var user = await strata.UserAsync("alice");
            await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(MessageFiles.Of(lines), ChatProviders.Messages, "c.jsonl", false), null, CancellationToken.None);
            await strata.RunDueJobsAsync();
            return await strata.Services.Recall.RecallAsync(user, new RecallRequest("occupation", Kinds: ["message"]), CancellationToken.None);
        }

        var counted = await AskAsync("""{"Recall":{"PostingsPerTerm":3}}""");
        Assert.Contains(counted.PartialReasons, r => r.Contains("'job' is in more than 3", StringComparison.Ordinal));

        // With no share of BM25 and no list of their own (weight 0, the default), the synonyms are not looked up at all.
        var unused = await AskAsync("""{"Recall":{"PostingsPerTerm":3,"ExpansionShare":0}}""");
        Assert.False(unused.Partial, string.Join("; ", unused.PartialReasons));
        Assert.Equal("my occupation is baking", unused.Results[0].Text);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_term_is_counted_against_the_bound_within_the_window_one_at_the_bound_is_scored_and_no_neighbour_leaves_the_window(string backend)
    {
        using var strata = TestStrata.Create(backend, configurationJson: """{"Recall":{"PostingsPerTerm":3}}""");
        var user = await strata.UserAsync("alice");
        // Six messages say "coffee": three in 2020, three in 2023. Over the whole history the word is past the bound of 3;
        // within 2023 it has exactly 3 and is scored.
        var lines = Enumerable.Range(0, 6).Select(i => new MessageFiles.Line("c", $"m{i}", "Ann", i < 3 ? $"2020-0{i + 1}-01T10:00:00Z" : $"2023-0{i + 1}-01T10:00:00Z",
            $"coffee number {i}")).ToArray();
        await strata.Services.ChatImports.ImportAsync(user, new ChatImportRequest(MessageFiles.Of(lines), ChatProviders.Messages, "c.jsonl", false), null, CancellationToken.None);
        await strata.RunDueJobsAsync();

        var everything = await strata.Services.Recall.RecallAsync(user, new RecallRequest("coffee", Kinds: ["message"]), CancellationToken.None);
        var in2023 = await strata.Services.Recall.RecallAsync(user, new RecallRequest("coffee", Kinds: ["message"],
            From: new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero), To: new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)), CancellationToken.None);

        Assert.True(everything.Partial);
        Assert.DoesNotContain(everything.Results, r => r.Scores.ContainsKey("bm25"));
        Assert.False(in2023.Partial, string.Join("; ", in2023.PartialReasons));
        Assert.Equal(["coffee number 3", "coffee number 4", "coffee number 5"], in2023.Results.Select(r => r.Text).Order().ToArray());
        Assert.All(in2023.Results, r => Assert.True(r.Scores["bm25"] > 0));

        // Asked as of mid-February 2020: the March message after the last one found is its neighbour, but was not said yet.
        var then = await strata.Services.Recall.RecallAsync(user, new RecallRequest("coffee", Kinds: ["message"],
            AsOf: new DateTimeOffset(2020, 2, 15, 0, 0, 0, TimeSpan.Zero)), CancellationToken.None);
        Assert.Equal(["coffee number 0", "coffee number 1"], then.Results.Select(r => r.Text).Order().ToArray());
    }
}
