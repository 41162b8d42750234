using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Agent;
using Strata.Core.Errors;
using Strata.Core.Relations;
using Strata.Core.Runs;
using Strata.Core.Sources;
using Strata.FakeLlm;

namespace Strata.Acceptance.Tests.Llm;

/// <summary>Relations stated by an interpreter, the model (the fake provider, in both wire formats) or the calling agent:
/// written by its run between the entities it extracted, each with the run and source it came from.</summary>
public sealed class InterpretedRelationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private const string Note = """
        # Team

        Ada Lovelace (ada@example.com) works at Analytical Engines and reports to Charles Babbage (charles@example.com).

        # Mix-up

        Difference Works reports to Grace Hopper.
        """;

    /// <summary>The first item's relations are well formed; the second's starts a reports_to from a company, which the
    /// built-in type refuses: that item fails alone, its answer kept.</summary>
    private const string Answer = """
        {"items":[
          {"item_id":"0","entities":[
            {"entity_type":"contact","fields":[{"name":"name","value":"Ada Lovelace","evidence":"Ada Lovelace"},
                                               {"name":"email","value":"ada@example.com","evidence":"ada@example.com"}]},
            {"entity_type":"company","fields":[{"name":"name","value":"Analytical Engines","evidence":"Analytical Engines"}]},
            {"entity_type":"contact","fields":[{"name":"name","value":"Charles Babbage","evidence":"Charles Babbage"},
                                               {"name":"email","value":"charles@example.com","evidence":"charles@example.com"}]}],
           "relations":[{"from":0,"relation_type":"works_at","to":1},{"from":0,"relation_type":"reports_to","to":2}]},
          {"item_id":"1","entities":[
            {"entity_type":"company","fields":[{"name":"name","value":"Difference Works","evidence":"Difference Works"}]},
            {"entity_type":"contact","fields":[{"name":"name","value":"Grace Hopper","evidence":"Grace Hopper"}]}],
           "relations":[{"from":0,"relation_type":"reports_to","to":1}]}
        ]}
        """;

    [Theory]
    [MemberData(nameof(FakeProvider.BackendsAndFormats), MemberType = typeof(FakeProvider))]
    public async Task A_models_relations_between_the_entities_it_extracts_are_written_by_its_run_and_a_refused_one_fails_its_item_alone(
        string backend, string format)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.When("Analytical Engines", FakeReply.Json(Answer));
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, format));
        var user = await strata.UserAsync("alice");

        var result = await strata.Services.Ingest.IngestAsync(user,
            new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(Note)), "team.md") { Llm = true }, None);

        var run = await strata.Services.Sources.GetRunAsync(user, result.Interpretation.RunId!, None);
        Assert.Equal((2, 1, 1), (run.Items!.Total, run.Items.Completed, run.Items.Failed));
        // The prompt asked for relations, listed the declared types, and the answer's schema holds them.
        var body = Assert.Single(server.Requests).Body;
        Assert.Contains("reports_to contact", body);
        Assert.Contains("\"relation_type\"", body);
        var contacts = (await strata.Services.Entities.RetrieveAsync(user, "contact", null, false, false, new Paging(), None)).Entities;
        var ada = contacts.Single(c => c.DisplayName == "Ada Lovelace").EntityId;

        // The model's runs keep the system's time here (FakeProvider.Runs), ahead of the test clock: ask as of a day on.
        var relations = (await strata.Services.Graph.RelationsAsync(user, ada, null, "out", DateTimeOffset.UtcNow.AddDays(1), None)).Relations;

        Assert.Equal([("Charles Babbage", "reports_to"), ("Analytical Engines", "works_at")],
            relations.Select(r => (r.ToName, r.RelationType)).OrderBy(r => r.RelationType, StringComparer.Ordinal).ToArray());
        Assert.All(relations, r => Assert.Equal((run.RunId, result.SourceId), (r.Provenance.RunId, r.Provenance.SourceId)));
        Assert.All(relations, r => Assert.Equal(0, r.Provenance.Priority));
        // Nothing of the refused item: not its relation, not Grace (its entities fail with it).
        Assert.DoesNotContain(contacts, c => c.DisplayName == "Grace Hopper");
        var items = await strata.Services.Sources.ListRunItemsAsync(user, run.RunId, null, new Paging(), None);
        var failed = Assert.Single(items.Items, i => i.Status == "failed");
        Assert.Contains("starts from contact", failed.Error);
        Assert.Contains("Difference Works", failed.RawOutput);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_agents_submitted_relations_are_written_by_its_run_and_a_relation_it_cannot_state_changes_nothing(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        var source = (await strata.IngestTextAsync(alice, "team.md", Note, interpret: false)).SourceId;
        var charles = (await strata.StoreAsync(alice, """[{"entity_type":"contact","name":"Charles Babbage","email":"charles@example.com"}]""")).Entities[0].EntityId;

        var result = await strata.Services.AgentInterpretations.SubmitAsync(alice, new AgentInterpretationRequest(source, Json("""
            [{"entity_type":"contact","name":"Ada Lovelace","email":"ada@example.com","evidence":"Ada Lovelace"},
             {"entity_type":"company","name":"Analytical Engines"}]
            """), "claude-code", null, Json($$"""[{"from":0,"relation_type":"works_at","to":1},{"from":0,"relation_type":"reports_to","to":"{{charles}}"}]""")), None);
        var wrongEnd = await Assert.ThrowsAsync<StrataException>(() => strata.Services.AgentInterpretations.SubmitAsync(alice,
            new AgentInterpretationRequest(source, Json("""[{"entity_type":"company","name":"Difference Works"}]"""), "bot", null,
                Json($$"""[{"from":0,"relation_type":"reports_to","to":"{{charles}}"}]""")), None));
        var missingEnd = await Assert.ThrowsAsync<StrataException>(() => strata.Services.AgentInterpretations.SubmitAsync(alice,
            new AgentInterpretationRequest(source, Json("""[{"entity_type":"company","name":"Difference Works"}]"""), "bot", null,
                Json("""[{"from":0,"relation_type":"part_of","to":"ent_000000000000000000000000"}]""")), None));

        Assert.Equal(["reports_to", "works_at"], result.Relations!.Select(r => r.RelationType).Order(StringComparer.Ordinal).ToArray());
        var ada = result.Entities[0].EntityId;
        var relations = (await strata.Services.Graph.RelationsAsync(alice, ada, null, "out", null, None)).Relations;
        Assert.Equal(2, relations.Count);
        Assert.All(relations, r => Assert.Equal((result.RunId, source), (r.Provenance.RunId, r.Provenance.SourceId)));
        Assert.Equal("Ada Lovelace", Assert.Single((await strata.Services.Graph.RelationsAsync(alice, charles, "manages", null, null, None)).Relations).FromName);
        Assert.Equal(ErrorCodes.ValidationFailed, wrongEnd.Code);
        Assert.Equal(ErrorCodes.EntityNotFound, missingEnd.Code);
        // Neither refused submission left a run, an entity or a relation behind.
        var runs = (await strata.Services.Sources.ListRunsAsync(alice, null, new Paging(), None)).Runs;
        Assert.Single(runs, r => r.Interpreter == AgentInterpretationService.InterpreterName);
        var companies = (await strata.Services.Entities.RetrieveAsync(alice, "company", null, false, false, new Paging(), None)).Entities;
        Assert.DoesNotContain(companies, c => c.DisplayName == "Difference Works");
    }

    private static List<JsonElement> Json(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
}
