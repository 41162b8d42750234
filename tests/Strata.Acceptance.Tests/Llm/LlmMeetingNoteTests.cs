using System.Text;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Runs;
using Strata.Core.Sources;
using Strata.FakeLlm;

namespace Strata.Acceptance.Tests.Llm;

/// <summary>A Markdown meeting note read by a model (the fake provider, over real HTTP, in both wire formats) becomes
/// contacts, a task and an event whose every value points at the exact characters it was quoted from.</summary>
public sealed class LlmMeetingNoteTests
{
    public const string Note = """
        # Weekly sync 2024-03-04

        Present: Ada Lovelace (ada@example.com) and Grace Hopper.

        ## Actions
        - Grace to send the compiler report by 2024-03-08.

        ## Next meeting
        Design review on 2024-03-11 at 10:00 in Room 4.
        """;

    /// <summary>What the model answers: one result per item (a heading starts an item), each value with its quote. One quote
    /// is not in the note, and one field is not in the contact schema.</summary>
    internal const string Answer = """
        {"items":[
          {"item_id":"0","entities":[
            {"entity_type":"contact","fields":[
              {"name":"name","value":"Ada Lovelace","evidence":"Ada Lovelace"},
              {"name":"email","value":"ada@example.com","evidence":"ada@example.com"},
              {"name":"shoe_size","value":"37","evidence":"Ada"}]},
            {"entity_type":"contact","fields":[{"name":"name","value":"Grace Hopper","evidence":"Grace Hopper"}]}]},
          {"item_id":"1","entities":[
            {"entity_type":"task","fields":[
              {"name":"title","value":"Send the compiler report","evidence":"send the compiler report"},
              {"name":"due","value":"2024-03-08","evidence":"by 2024-03-08"},
              {"name":"assignee","value":"Grace Hopper","evidence":"Grace"}]}]},
          {"item_id":"2","entities":[
            {"entity_type":"event","fields":[
              {"name":"title","value":"Design review","evidence":"Design review"},
              {"name":"start","value":"2024-03-11T10:00:00Z","evidence":"2024-03-11 at 10:00"},
              {"name":"location","value":"Room 4","evidence":"in  ROOM 4"},
              {"name":"description","value":"Quarterly","evidence":"as agreed last quarter"}]}]}
        ]}
        """;

    [Theory]
    [MemberData(nameof(FakeProvider.BackendsAndFormats), MemberType = typeof(FakeProvider))]
    public async Task A_meeting_note_becomes_contacts_a_task_and_an_event_whose_values_point_at_their_characters(string backend, string format)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.When("Weekly sync", FakeReply.Json(Answer));
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, format));
        var user = await strata.UserAsync("alice");

        var result = await strata.Services.Ingest.IngestAsync(user,
            new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(Note)), "sync.md") { Llm = true }, CancellationToken.None);

        Assert.Equal(RunStatuses.Completed, result.Interpretation.Status);
        var run = await strata.Services.Sources.GetRunAsync(user, result.Interpretation.RunId!, CancellationToken.None);
        Assert.Equal("llm", run.Interpreter);
        Assert.Equal(3, run.ItemsCount);
        Assert.Equal(4, run.ObservationsCreated);
        Assert.Equal(1, run.UnknownFieldsCount); // shoe_size: a raw fragment, not a snapshot value
        var items = run.Items!;
        Assert.Equal((3, 3, 0, 0, 0), (items.Total, items.Completed, items.Failed, items.Pending, items.Claimed));
        Assert.True(items.InputTokens > 0 && items.OutputTokens > 0, "the fake reports usage, which the items add up");
        Assert.True(items.CostUsd > 0m, "the model has a default price");
        Assert.Single(server.Requests); // three small items in one pack

        await using var session = await strata.Services.Store.OpenReadAsync(user, CancellationToken.None);
        var (evidence, total) = await session.Evidence.ListForRunAsync(run.RunId, new Paging(100), CancellationToken.None);
        Assert.Equal(11, total);
        foreach (var row in evidence.Where(e => e.Found))
        {
            // The recorded range holds the quote (after folding, for the one quoted with other case and spacing).
            var quoted = Note.Substring(row.Start!.Value, row.Length!.Value);
            if (row.Match == "exact") Assert.Equal(row.Quote, quoted);
            else Assert.Equal("in Room 4", quoted);
        }
        var missing = Assert.Single(evidence, e => !e.Found);
        Assert.Equal(("description", "as agreed last quarter", null, null, "none"), (missing.Field, missing.Quote, missing.Start, missing.Length, missing.Match));

        var email = Assert.Single(evidence, e => e.Field == "email");
        var observation = await session.Observations.GetAsync(email.ObservationId, CancellationToken.None);
        Assert.Equal("ada@example.com", observation!.Fields["email"].GetString());
        Assert.Equal(run.RunId, observation.RunId);
        var types = new List<string>();
        foreach (var id in evidence.Select(e => e.ObservationId).Distinct())
        {
            var entity = await session.Entities.GetAsync((await session.Observations.GetAsync(id, CancellationToken.None))!.EntityId, CancellationToken.None);
            types.Add(entity!.EntityType);
        }
        Assert.Equal(["contact", "contact", "event", "task"], types.Order());
    }

    [Theory]
    [MemberData(nameof(Support.Backends.All), MemberType = typeof(Support.Backends))]
    public async Task Provenance_runs_from_a_value_through_its_run_item_to_its_characters_in_the_source(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.When("Weekly sync", FakeReply.Json(Answer));
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, FakeProvider.Anthropic));
        var user = await strata.UserAsync("alice");
        var result = await strata.Services.Ingest.IngestAsync(user,
            new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(Note)), "sync.md") { Llm = true }, CancellationToken.None);
        var ada = "";
        foreach (var contact in result.Interpretation.Entities!.Where(e => e.EntityType == "contact"))
        {
            var snapshot = await strata.Services.Entities.GetSnapshotAsync(user, contact.EntityId, null, CancellationToken.None);
            if (snapshot.Fields.ContainsKey("email")) ada = contact.EntityId;
        }
        var review = result.Interpretation.Entities!.Single(e => e.EntityType == "event").EntityId;

        var email = await strata.Services.Entities.GetFieldProvenanceAsync(user, ada, "email", CancellationToken.None);
        var description = await strata.Services.Entities.GetFieldProvenanceAsync(user, review, "description", CancellationToken.None);
        var observations = await strata.Services.Entities.ListObservationsAsync(user, review, new Paging(10), CancellationToken.None);

        var evidence = email.Evidence!;
        Assert.Equal(("ada@example.com", true, "exact", 0), (evidence.Quote, evidence.EvidenceFound, evidence.Match, evidence.ItemIndex));
        Assert.Equal("ada@example.com", Note.Substring(evidence.Start!.Value, evidence.Length!.Value));
        var item = email.RunItem!;
        Assert.Equal(0, item.Index);
        Assert.InRange(evidence.Start.Value, item.CharStart, item.CharStart + item.CharLength - evidence.Length.Value);
        Assert.Equal(result.Interpretation.RunId, email.Run!.RunId);
        Assert.Equal(result.SourceId, email.Source!.SourceId);
        Assert.Equal((false, null, null), (description.Evidence!.EvidenceFound, description.Evidence.Start, description.Evidence.Length));
        var shown = Assert.Single(observations.Observations).Evidence!;
        Assert.Equal(["description", "location", "start", "title"], shown.Keys.Order());
        Assert.Equal("in Room 4", Note.Substring(shown["location"].Start!.Value, shown["location"].Length!.Value));
        Assert.Equal("normalized", shown["location"].Match);
    }
}
