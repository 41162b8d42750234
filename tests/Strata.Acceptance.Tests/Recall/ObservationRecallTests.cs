using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Llm;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Observations;
using Strata.Core.Recall;
using Strata.Core.Sources;
using Strata.FakeLlm;

namespace Strata.Acceptance.Tests.Recall;

/// <summary>
/// The observation layer (<c>kinds: observation</c>) on both databases: a value read from a meeting note by a model is
/// found with its provenance down to the note's characters; a value replaced by a later observation is not returned (the
/// current one is); another user's observations are never candidates.
/// </summary>
public sealed class ObservationRecallTests
{
    private static Task<RecallAnswer> AskAsync(TestStrata strata, string user, string question) =>
        strata.Services.Recall.RecallAsync(user, new RecallRequest(question, 10, [RecallKinds.Observation]), CancellationToken.None);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_value_is_found_with_its_observation_field_and_source_characters_and_only_the_current_one(string backend)
    {
        await using var server = await FakeLlmServer.StartAsync();
        server.Script.When("Weekly sync", FakeReply.Json(LlmMeetingNoteTests.Answer));
        using var strata = TestStrata.Create(backend, llm: FakeProvider.Runs(server, FakeProvider.Anthropic));
        var alice = await strata.UserAsync("alice");
        var ingested = await strata.Services.Ingest.IngestAsync(alice,
            new IngestRequest(new MemoryStream(Encoding.UTF8.GetBytes(LlmMeetingNoteTests.Note)), "sync.md") { Llm = true }, CancellationToken.None);

        var answer = await AskAsync(strata, alice, "What is Ada's email address?");
        Assert.False(answer.Partial, string.Join(" ", answer.PartialReasons));
        var email = answer.Results[0];
        Assert.Equal((RecallKinds.Observation, "ada@example.com", "email", "contact"), (email.Kind, email.Text, email.Provenance.Field, email.Provenance.EntityType));
        Assert.True(email.Scores[RecallSignals.Observation] >= 1);
        var p = email.Provenance;
        Assert.Equal("ada@example.com", LlmMeetingNoteTests.Note[p.CharStart!.Value..p.CharEnd!.Value]);
        Assert.Equal((ingested.SourceId, ingested.Interpretation.RunId), (p.SourceId, p.RunId));
        var chain = await strata.Services.Entities.GetFieldProvenanceAsync(alice, p.EntityId!, "email", CancellationToken.None);
        Assert.Equal(chain.Observation.ObservationId, p.ObservationId);
        Assert.Contains($"field email · observation {p.ObservationId}", answer.Context, StringComparison.Ordinal);
        // Every result is one of Ada's current values or another entity's the question's words found: each its own field.
        Assert.Equal(answer.Results.Count, answer.Results.Select(r => (r.Provenance.ObservationId, r.Provenance.Field)).Distinct().Count());

        // A correction replaces the email: the current value is found, the replaced one no longer.
        var beforeCorrection = strata.Clock.GetUtcNow();
        strata.Clock.Advance(TimeSpan.FromHours(1));
        await strata.Services.Corrections.CorrectAsync(alice, p.EntityId!, "email", JsonDocument.Parse("\"ada@analytical.org\"").RootElement,
            "she moved", CancellationToken.None);
        var current = await AskAsync(strata, alice, "What is Ada's email address?");
        var now = Assert.Single(current.Results, r => r.Provenance.Field == "email");
        Assert.Equal(("ada@analytical.org", p.EntityId), (now.Text, now.Provenance.EntityId));
        Assert.NotEqual(p.ObservationId, now.Provenance.ObservationId);
        Assert.Null(now.Provenance.CharStart); // a correction has no source characters
        Assert.DoesNotContain(current.Results, r => r.Text == "ada@example.com");

        // As of a moment before the correction, the current email was recorded later: it is left out and the answer says
        // so (values are searched as they are now, not as they were then).
        var then = await strata.Services.Recall.RecallAsync(alice,
            new RecallRequest("What is Ada's email address?", 10, [RecallKinds.Observation], AsOf: beforeCorrection), CancellationToken.None);
        Assert.DoesNotContain(then.Results, r => r.Provenance.Field == "email");
        Assert.True(then.Partial);
        Assert.Contains(then.PartialReasons, r => r.Contains("current values were recorded after as_of and left out", StringComparison.Ordinal));

        // Bob has his own contact; Alice's observations are never his candidates.
        var bob = await strata.UserAsync("bob");
        await strata.Services.Structured.StoreAsync(bob, new StoreRequest(
            [JsonDocument.Parse("""{"entity_type":"contact","name":"Ada Byron","email":"byron@example.net"}""").RootElement]), CancellationToken.None);
        var bobs = await AskAsync(strata, bob, "What is Ada's email address?");
        Assert.Equal("byron@example.net", bobs.Results[0].Text);
        Assert.DoesNotContain(bobs.Results, r => r.Text.Contains("ada@", StringComparison.Ordinal) || r.Provenance.EntityId == p.EntityId);
        Assert.DoesNotContain("ada@", bobs.Context, StringComparison.Ordinal);
    }

    /// <summary>The entity layer cuts a question into words as the message index does: a contraction's pieces are stop
    /// words, so "I'll" does not look up "ill" (inside "Will" and "still", and thousands of other texts), and a possessive
    /// still finds its name.</summary>
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_entity_layer_looks_up_the_questions_words_not_the_letters_left_of_its_contractions(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        await strata.Services.Structured.StoreAsync(alice, new StoreRequest(
        [
            JsonDocument.Parse("""{"entity_type":"contact","name":"Will Stillwater","email":"will@example.com"}""").RootElement,
            JsonDocument.Parse("""{"entity_type":"contact","name":"Ada Lovelace","email":"ada@example.com"}""").RootElement,
        ]), CancellationToken.None);

        Task<RecallAnswer> Entities(string question) =>
            strata.Services.Recall.RecallAsync(alice, new RecallRequest(question, 10, [RecallKinds.Entity]), CancellationToken.None);
        Assert.Empty((await Entities("I'll say I've done it, don't you think?")).Results);
        Assert.Empty((await Entities("I\u2019ll say I\u2019ve done it")).Results);
        var ada = await Entities("What is Ada's email?");
        Assert.Contains("name: Ada Lovelace", Assert.Single(ada.Results).Text, StringComparison.Ordinal);
    }
}
