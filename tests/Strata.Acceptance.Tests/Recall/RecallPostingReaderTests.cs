using Strata.Acceptance.Tests.Support;
using Strata.Core.Imports;
using Strata.Core.Recall;
using Strata.Core.Storage;

namespace Strata.Acceptance.Tests.Recall;

/// <summary>
/// A question's terms read together (<see cref="IRecallIndexReader.PostingsOfAsync"/>: one statement on PostgreSQL, a term
/// at a time on SQLite) answer exactly as each term read alone: the same postings in the same order, the same words over
/// their cap, with terms skipped, absent words, kinds, windows and a project, on both databases.
/// </summary>
public sealed class RecallPostingReaderTests
{
    /// <summary>The index's own terms (stemmed; an identifier kept whole), one absent.</summary>
    private static readonly string[] Words = RecallTerms.Of(
        "Caroline zzabsentzz Melanie adoption agency deploy-v2.4.7-hotfix painted camping kids September support group garden tomatoes the lake")
        .Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>A user with the friends' conversation imported (its index written once the jobs run).</summary>
    private static async Task<string> FriendsAsync(TestStrata strata)
    {
        var user = await strata.UserAsync("alice");
        await strata.Services.ChatImports.ImportAsync(user,
            new ChatImportRequest(MessageFiles.Of(MessageFiles.Friends()), ChatProviders.Messages, "friends.jsonl", FullPass: false), null, CancellationToken.None);
        return user;
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Terms_read_together_answer_as_each_term_read_alone(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var user = await FriendsAsync(strata);
        var notes = await strata.Services.Projects.CreateAsync(user, "notes", CancellationToken.None);
        var markdown = "# Garden\n\nCaroline's tomatoes need the support group of Melanie.\n\n# Agency\n\nThe agency helps Caroline adopt; the kids camp in the garden.\n";
        await strata.Services.Documents.AddFileAsync(user, notes.ProjectId, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(markdown)), "notes.md",
            "text/markdown", wait: true, CancellationToken.None);
        await strata.RunDueJobsAsync();

        var all = new RecallFilter(true, true, null, null, null);
        RecallFilter[] filters =
        [
            all, all with { Blocks = false }, all with { Messages = false }, all with { From = 1_683_000_000, To = 1_700_000_000 },
            all with { ProjectId = notes.ProjectId },
        ];
        await using var read = await strata.Services.Store.OpenReadAsync(user, CancellationToken.None);
        var compared = 0;
        var overCap = 0;
        foreach (var filter in filters)
        {
            foreach (var perTermCap in new[] { 1, 3, 1000 })
            {
                foreach (var skip in new[] { -1, 0, 3 })
                {
                    // Terms left out (their rows are passed over), and a cap below the reader's for some, as BM25 asks.
                    var asked = Enumerable.Range(0, Words.Length).Where(i => i != skip && !(skip > 0 && i % skip == 1))
                        .Select(i => (Term: Words[i], Cap: i % 4 == 0 ? Math.Max(1, perTermCap - 1) : perTermCap)).ToList();
                    var alone = new List<(bool Within, List<RecallPosting> Postings)>();
                    foreach (var (term, cap) in asked)
                    {
                        var postings = new List<RecallPosting>();
                        alone.Add((await read.Recall.PostingsAsync(term, filter, cap, postings, CancellationToken.None), postings));
                    }
                    // Only then together: on PostgreSQL its statement holds the session's connection until it is disposed.
                    await using var together = await read.Recall.PostingsOfAsync(Words, filter, perTermCap, CancellationToken.None);
                    for (var i = 0; i < asked.Count; i++)
                    {
                        var withOthers = new List<RecallPosting>();
                        var within = await together.PostingsAsync(asked[i].Term, asked[i].Cap, withOthers, CancellationToken.None);
                        Assert.Equal(alone[i].Within, within);
                        if (within) Assert.Equal(alone[i].Postings, withOthers);
                        else overCap++;
                        compared++;
                    }
                }
            }
        }
        Assert.True(overCap > 0, "no word was over its cap: the corpus does not test the cap");
        Assert.True(compared > 500);
        var found = new List<RecallPosting>();
        Assert.True(await read.Recall.PostingsAsync(Words[0], all, 1000, found, CancellationToken.None));
        Assert.Contains(found, p => p.Kind == RecallKinds.Block);
        Assert.Contains(found, p => p.Kind == RecallKinds.Message);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_term_asked_twice_or_out_of_order_is_refused_rather_than_answered_empty(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var user = await FriendsAsync(strata);
        await strata.RunDueJobsAsync();
        await using var read = await strata.Services.Store.OpenReadAsync(user, CancellationToken.None);
        var all = new RecallFilter(true, true, null, null, null);
        var into = new List<RecallPosting>();
        foreach (var filter in new[] { all, all with { Blocks = false } }) // read together on PostgreSQL, and a term at a time
        {
            await using var twice = await read.Recall.PostingsOfAsync([Words[0], Words[2]], filter, 100, CancellationToken.None);
            Assert.True(await twice.PostingsAsync(Words[2], 100, into, CancellationToken.None));
            Assert.NotEmpty(into);
            await Assert.ThrowsAsync<InvalidOperationException>(() => twice.PostingsAsync(Words[0], 100, into, CancellationToken.None));
            await Assert.ThrowsAsync<InvalidOperationException>(() => twice.PostingsAsync(Words[2], 100, into, CancellationToken.None));
            await Assert.ThrowsAsync<InvalidOperationException>(() => twice.PostingsAsync(Words[4], 100, into, CancellationToken.None));
        }
        await Assert.ThrowsAsync<ArgumentException>(() => read.Recall.PostingsOfAsync([Words[0], Words[0]], all, 100, CancellationToken.None));
    }
}
