using Strata.Acceptance.Tests.Support;
using System.Text.Json;
using Strata.Core.Imports;
using Strata.Core.Observations;
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

    /// <summary>Asked of the relations layer alone (its ranking over a small graph: ties broken by key, alike on both databases).</summary>
    private static readonly string[] RelationQuestions =
    [
        "Who does Caroline work with at the agency?",
        "Melanie knows who?",
        "adoption agency part of",
        // No end named: found by the relations' own words (a property value, the type's words, an inverse name).
        "who volunteers, and who works where?",
        "who employs anyone?",
    ];

    /// <summary>Asked of the observations layer alone (current values of the entities the words find; ties broken by key).</summary>
    private static readonly string[] ObservationQuestions =
    [
        "Caroline's email",
        "contact email of Melanie",
        "Adoption Agency name",
    ];

    private static List<JsonElement> Json(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();

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
        // Two threads a question wherever the store gives a second session (SQLite), whatever else the test run is doing:
        // SQLite searched on two threads against PostgreSQL on one.
        using var strata = TestStrata.Create(backend, configurationJson: """{"Recall": {"SearchThreads": "2"}}""");
        var user = await strata.UserAsync("alice");
        await strata.Services.ChatImports.ImportAsync(user,
            new ChatImportRequest(MessageFiles.Of(MessageFiles.Friends()), ChatProviders.Messages, "friends.jsonl", FullPass: false), null, CancellationToken.None);
        await strata.RunDueJobsAsync();
        await strata.Services.Structured.StoreAsync(user, new StoreRequest(Json("""
            [{"entity_type":"contact","name":"Caroline","email":"caroline@example.com"},
             {"entity_type":"contact","name":"Melanie","email":"melanie@example.com"},
             {"entity_type":"company","name":"Adoption Agency"},
             {"entity_type":"company","name":"Agency Network"}]
            """), Relations: Json("""
            [{"from":0,"relation_type":"works_at","to":2,"properties":{"role":"volunteer"}},
             {"from":1,"relation_type":"knows","to":0},
             {"from":1,"relation_type":"works_at","to":2},
             {"from":2,"relation_type":"part_of","to":3},
             {"from":0,"relation_type":"knows","to":1,"valid_to":"2023-06-01"}]
            """)), CancellationToken.None);
        var rankings = new List<List<string>>();
        foreach (var question in Questions)
        {
            var answer = await strata.Services.Recall.RecallAsync(user,
                new RecallRequest(question, 10, [RecallKinds.Message], AsOf: new DateTimeOffset(2024, 1, 10, 0, 0, 0, TimeSpan.Zero)), CancellationToken.None);
            rankings.Add(answer.Results.Select(r => $"{r.Provenance.MessageId} {r.Score:0.000000} {string.Join(",", r.Scores.Select(s => $"{s.Key}={s.Value:0.0000}"))}").ToList());
        }
        foreach (var question in RelationQuestions)
        {
            var answer = await strata.Services.Recall.RecallAsync(user, new RecallRequest(question, 10, [RecallKinds.Relation]), CancellationToken.None);
            rankings.Add(answer.Results.Select(r => $"{r.Text} {r.Score:0.000000} {string.Join(",", r.Scores.Select(s => $"{s.Key}={s.Value:0.0000}"))}").ToList());
        }
        foreach (var question in ObservationQuestions)
        {
            var answer = await strata.Services.Recall.RecallAsync(user, new RecallRequest(question, 10, [RecallKinds.Observation]), CancellationToken.None);
            rankings.Add(answer.Results.Select(r => $"{r.Provenance.EntityType} {r.Provenance.Field}={r.Text} {r.Score:0.000000} {string.Join(",", r.Scores.Select(s => $"{s.Key}={s.Value:0.0000}"))}").ToList());
        }
        // Every layer at once (the default kinds): on PostgreSQL the entity lookups run on a second read session beside the
        // text layer's lists; the answers must still agree with SQLite's, where they run one after the other.
        foreach (var question in Questions.Concat(RelationQuestions).Concat(ObservationQuestions))
        {
            var answer = await strata.Services.Recall.RecallAsync(user,
                new RecallRequest(question, 20), CancellationToken.None);
            rankings.Add(answer.Results.Select(r => $"{r.Kind} {r.Provenance.MessageId ?? r.Text} {r.Score:0.000000} {string.Join(",", r.Scores.Select(s => $"{s.Key}={s.Value:0.0000}"))}").ToList());
        }
        return rankings;
    }
}
