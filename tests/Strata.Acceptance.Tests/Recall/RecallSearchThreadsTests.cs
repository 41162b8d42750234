using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Configuration;
using Strata.Core.Imports;
using Strata.Core.Observations;
using Strata.Core.Recall;
using Microsoft.Extensions.Configuration;

namespace Strata.Acceptance.Tests.Recall;

/// <summary>A question searched on one thread and on two (SQLite: the entity layers and the synonyms' BM25 on a sibling
/// session beside the text layer) answers alike: the same results, scores and signals, and the same partial reasons in
/// the same order — with words and synonyms both over a tiny per-term cap, so that both halves of the text layer say
/// something.</summary>
public sealed class RecallSearchThreadsTests
{
    private static readonly string[] Questions =
    [
        "When did Caroline visit the agency about adopting?",
        "what did Melanie paint last spring?",
        "job at the hospital",
        "camping with the kids by the lake",
        "Caroline's email",
        "who is happy about the picture?",
        "what will Caroline be doing in September?",
    ];

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    public async Task One_thread_and_two_answer_alike(int? postingsPerTerm)
    {
        var one = await AnswersAsync("1", postingsPerTerm);
        var two = await AnswersAsync("2", postingsPerTerm);

        Assert.All(one, answer => Assert.True(answer.Results > 0, answer.Rendered));
        if (postingsPerTerm is not null)
        {
            // A reason about one of the question's own words, then one about a synonym of them (a term the question does
            // not hold): the order the text layer says them in when it runs alone.
            Assert.Contains(one, answer => answer.WordReasons > 0 && answer.SynonymReasons > 0);
        }
        Assert.Equal(one.Select(a => a.Rendered), two.Select(a => a.Rendered));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("auto", null)]
    [InlineData("1", 1)]
    [InlineData(" 2 ", 2)]
    public void SearchThreads_is_read_from_the_recall_section(string? text, int? expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Recall:SearchThreads"] = text }).Build();
        Assert.Equal(expected, RecallConfiguration.Read(configuration).SearchThreads);
    }

    [Fact]
    public void SearchThreads_other_than_auto_1_or_2_is_refused_by_name()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Recall:SearchThreads"] = "3" }).Build();
        var error = Assert.Throws<StrataConfigurationException>(() => RecallConfiguration.Read(configuration));
        Assert.Contains("Recall:SearchThreads must be auto, 1 or 2", error.Message);
    }

    private sealed record Answer(string Rendered, int Results, int WordReasons, int SynonymReasons);

    private static async Task<List<Answer>> AnswersAsync(string threads, int? postingsPerTerm)
    {
        var cap = postingsPerTerm is { } c ? $", \"PostingsPerTerm\": \"{c}\"" : "";
        using var strata = TestStrata.Create(Backends.Sqlite, configurationJson: "{\"Recall\": {\"SearchThreads\": \"" + threads + "\"" + cap + "}}");
        var user = await strata.UserAsync("alice");
        await strata.Services.ChatImports.ImportAsync(user,
            new ChatImportRequest(MessageFiles.Of(MessageFiles.Friends()), ChatProviders.Messages, "friends.jsonl", FullPass: false), null, CancellationToken.None);
        await strata.RunDueJobsAsync();
        await strata.Services.Structured.StoreAsync(user, new StoreRequest(JsonDocument.Parse("""
            [{"entity_type":"contact","name":"Caroline","email":"caroline@example.com"},
             {"entity_type":"contact","name":"Melanie","email":"melanie@example.com"},
             {"entity_type":"company","name":"Adoption Agency"}]
            """).RootElement.EnumerateArray().Select(e => e.Clone()).ToList()), CancellationToken.None);

        var answers = new List<Answer>();
        foreach (var question in Questions)
        {
            var answer = await strata.Services.Recall.RecallAsync(user,
                new RecallRequest(question, 10, AsOf: new DateTimeOffset(2024, 1, 10, 0, 0, 0, TimeSpan.Zero)), CancellationToken.None);
            var words = RecallTerms.Of(question);
            var wordReasons = answer.PartialReasons.Count(r => words.Any(w => r.StartsWith($"'{w}' is in more than", StringComparison.Ordinal)));
            var termReasons = answer.PartialReasons.Count(r => r.Contains("' is in more than", StringComparison.Ordinal));
            // Results by what a user sees of them (document ids are drawn anew in each store), then the reasons in order.
            var rendered = string.Join("\n", answer.Results.Select(r =>
                $"{r.Kind} {r.Provenance.MessageId} {r.Text} {r.Score:0.000000} "
                + string.Join(",", r.Scores.Select(s => $"{s.Key}={s.Value:0.000000}")))
                .Concat(answer.PartialReasons));
            answers.Add(new Answer(rendered, answer.Results.Count, wordReasons, termReasons - wordReasons));
        }
        return answers;
    }
}
