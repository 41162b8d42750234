using Strata.Acceptance.Tests.Support;
using Strata.Core.Imports;
using Strata.Core.Recall;

namespace Strata.Acceptance.Tests.Recall;

/// <summary>The same ranking rule on both databases: one fixed corpus imported into SQLite and PostgreSQL answers every
/// question with the same results in the same order and the same scores.</summary>
public sealed class RecallOrderComplianceTests
{
    private static readonly string[] Questions =
    [
        "When did Caroline visit the agency about adopting?",
        "what did Melanie paint last spring?",
        "job at the hospital",
        "camping with the kids",
        "deploy-v2.4.7-hotfix",
        "what will Caroline be doing in September?",
    ];

    [Fact]
    public async Task SQLite_and_PostgreSQL_rank_a_fixed_corpus_alike()
    {
        var sqlite = await RankingsAsync(Backends.Sqlite);
        var postgres = await RankingsAsync(Backends.Postgres);

        Assert.All(sqlite, ranking => Assert.NotEmpty(ranking));
        Assert.Equal(sqlite, postgres);
    }

    private static async Task<List<List<string>>> RankingsAsync(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var user = await strata.UserAsync("alice");
        await strata.Services.ChatImports.ImportAsync(user,
            new ChatImportRequest(MessageFiles.Of(MessageFiles.Friends()), ChatProviders.Messages, "friends.jsonl", FullPass: false), null, CancellationToken.None);
        await strata.RunDueJobsAsync();
        var rankings = new List<List<string>>();
        foreach (var question in Questions)
        {
            var answer = await strata.Services.Recall.RecallAsync(user,
                new RecallRequest(question, 10, [RecallKinds.Message], AsOf: new DateTimeOffset(2024, 1, 10, 0, 0, 0, TimeSpan.Zero)), CancellationToken.None);
            rankings.Add(answer.Results.Select(r => $"{r.Provenance.MessageId} {r.Score:0.000000} {string.Join(",", r.Scores.Select(s => $"{s.Key}={s.Value:0.0000}"))}").ToList());
        }
        return rankings;
    }
}
