using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Agent;
using Strata.Core.Errors;
using Strata.Core;

namespace Strata.Acceptance.Tests.Llm;

/// <summary>The calling agent as interpreter: it reads a source's text in pages and submits what it found, which becomes
/// a run traceable like any other, down to the characters each value came from.</summary>
public sealed class AgentInterpretationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    // Two-byte, three-byte and four-byte UTF-8 (the emoji is a UTF-16 surrogate pair) before the quotes.
    private const string Note = "# Café meeting 😀 東京\n\nZoë Quinn (zoe@example.com) will send the contract by Friday.\nBudget: 4,200 EUR.\n";

    private static List<JsonElement> Entities(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Pages_of_a_source_put_back_together_are_its_text_and_never_split_a_character(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        var source = (await strata.IngestTextAsync(alice, "note.md", Note, interpret: false)).SourceId;
        var content = strata.Services.SourceContent;

        var pages = new StringBuilder();
        long? offset = 0;
        var count = 0;
        while (offset is { } at)
        {
            var page = await content.ReadAsync(alice, source, at, 16, None);
            Assert.Equal(Note.Length, page.TotalLength);
            Assert.False(char.IsHighSurrogate(page.Text[^1]), $"page at {at} ends inside a character");
            pages.Append(page.Text);
            offset = page.NextOffset;
            count++;
        }

        Assert.Equal(Note, pages.ToString());
        Assert.True(count > 5);
        var emoji = Note.IndexOf("😀", StringComparison.Ordinal);
        var inside = await Assert.ThrowsAsync<StrataException>(() => content.ReadAsync(alice, source, emoji + 1, 10, None));
        Assert.Equal(ErrorCodes.ValidationFailed, inside.Code);
        Assert.Contains($"start at {emoji} or {emoji + 2}", inside.Message);
        var past = await Assert.ThrowsAsync<StrataException>(() => content.ReadAsync(alice, source, Note.Length + 1, 10, None));
        Assert.Contains($"{Note.Length} characters long", past.Message);
        var end = await content.ReadAsync(alice, source, Note.Length, null, None);
        Assert.Equal(("", (long?)null), (end.Text, end.NextOffset));
        Assert.Equal(ErrorCodes.ValidationFailed, (await Assert.ThrowsAsync<StrataException>(() =>
            content.ReadAsync(alice, source, 0, SourceContentService.MaxLength + 1, None))).Code);
        Assert.Equal(ErrorCodes.ValidationFailed, (await Assert.ThrowsAsync<StrataException>(() => content.ReadAsync(alice, source, -1, 5, None))).Code);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Another_users_source_reads_as_a_missing_one(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        var bob = await strata.UserAsync("bob");
        var source = (await strata.IngestTextAsync(alice, "note.md", Note, interpret: false)).SourceId;
        const string missing = "src_000000000000000000000000";

        var hers = await Assert.ThrowsAsync<StrataException>(() => strata.Services.SourceContent.ReadAsync(bob, source, 0, 10, None));
        var nobodys = await Assert.ThrowsAsync<StrataException>(() => strata.Services.SourceContent.ReadAsync(bob, missing, 0, 10, None));
        var submitted = await Assert.ThrowsAsync<StrataException>(() => strata.Services.AgentInterpretations.SubmitAsync(bob,
            new AgentInterpretationRequest(source, Entities("""[{"entity_type":"contact","name":"X"}]"""), "bot", null), None));

        Assert.Equal(ErrorCodes.SourceNotFound, hers.Code);
        Assert.Equal(nobodys.Message.Replace(missing, "<id>"), hers.Message.Replace(source, "<id>"));
        Assert.Equal(ErrorCodes.SourceNotFound, submitted.Code);
        Assert.DoesNotContain((await strata.Services.Sources.ListRunsAsync(alice, null, new Paging(), None)).Runs, r => r.Interpreter == "agent");
        Assert.Equal(0, (await strata.Services.Sources.ListRunsAsync(bob, null, new Paging(IncludeTotal: true), None)).Total);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_submitted_interpretation_is_a_run_whose_values_point_at_their_characters(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        var source = (await strata.IngestTextAsync(alice, "note.md", Note, interpret: false)).SourceId;
        var known = await strata.StoreAsync(alice, """[{"entity_type":"contact","name":"Zoe Q.","email":"zoe@example.com"}]""");

        var result = await strata.Services.AgentInterpretations.SubmitAsync(alice, new AgentInterpretationRequest(source, Entities("""
            [{"entity_type":"contact","name":"Zoë Quinn","email":"zoe@example.com","shoe_size":38,
              "evidence":{"name":"Zoë Quinn","email":"zoe@example.com","shoe_size":"she wears 38"}},
             {"entity_type":"task","title":"Send the contract","evidence":"will  SEND the contract"}]
            """), "claude-code", "claude-sonnet-4-5"), None);

        // Identity rules: the same email is the same contact as the structured write's.
        Assert.Equal(known.Entities[0].EntityId, result.Entities[0].EntityId);
        Assert.Equal("updated", result.Entities[0].Action);
        Assert.Equal(1, result.UnknownFieldsCount);
        var found = result.Evidence.Where(e => e.EvidenceFound).ToList();
        Assert.All(found, e => Assert.NotNull(e.Start));
        Assert.Equal("Zoë Quinn", Note.Substring(found[0].Start!.Value, found[0].Length!.Value));
        Assert.Equal("zoe@example.com", Note.Substring(found[1].Start!.Value, found[1].Length!.Value));
        var shoe = Assert.Single(result.Evidence, e => e.Field == "shoe_size");
        Assert.False(shoe.EvidenceFound);
        var task = Assert.Single(result.Evidence, e => e.EntityIndex == 1);
        Assert.Equal(("normalized", "will send the contract"), (task.Match, Note.Substring(task.Start!.Value, task.Length!.Value)));

        var run = await strata.RunAsync(alice, result.RunId);
        Assert.Equal(("agent", "completed", source), (run.Interpreter, run.Status, run.SourceId));
        Assert.Equal("claude-code", run.Config.GetProperty("agent").GetString());
        Assert.Equal("claude-sonnet-4-5", run.Config.GetProperty("model").GetString());
        var provenance = await strata.Services.Entities.GetFieldProvenanceAsync(alice, result.Entities[1].EntityId, "title", None);
        Assert.Equal(result.RunId, provenance.Run!.RunId);
        Assert.Equal(source, provenance.Source!.SourceId);
        Assert.Equal($"index:1 chars:{task.Start}-{task.Start + task.Length}", provenance.Observation.Locator);
        var contact = (await strata.Services.Entities.ListObservationsAsync(alice, result.Entities[0].EntityId, new Paging(), None))
            .Observations.Single(o => o.RunId == result.RunId);
        Assert.Equal($"index:0 name=chars:{found[0].Start}-{found[0].Start + found[0].Length} email=chars:{found[1].Start}-{found[1].Start + found[1].Length} shoe_size=not_found",
            contact.Locator);
        Assert.Equal(0, contact.Priority);
        Assert.Equal(["n=1"], strata.Rows("SELECT COUNT(*) AS n FROM raw_fragments WHERE run_id = @run AND field = 'shoe_size'", new { run = result.RunId }));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_submission_with_one_bad_entity_changes_nothing(string backend)
    {
        using var strata = TestStrata.Create(backend);
        var alice = await strata.UserAsync("alice");
        var source = (await strata.IngestTextAsync(alice, "note.md", Note, interpret: false)).SourceId;
        var before = strata.Fingerprint();

        var refused = await Assert.ThrowsAsync<StrataException>(() => strata.Services.AgentInterpretations.SubmitAsync(alice,
            new AgentInterpretationRequest(source, Entities("""[{"entity_type":"contact","name":"Zoë"},{"name":"no type"}]"""), "bot", null), None));
        var badEvidence = await Assert.ThrowsAsync<StrataException>(() => strata.Services.AgentInterpretations.SubmitAsync(alice,
            new AgentInterpretationRequest(source, Entities("""[{"entity_type":"contact","name":"Zoë","evidence":42}]"""), "bot", null), None));

        Assert.Equal(ErrorCodes.ValidationFailed, refused.Code);
        Assert.Contains("entities[1]", refused.Message);
        Assert.Equal(ErrorCodes.ValidationFailed, badEvidence.Code);
        Assert.Equal(before, strata.Fingerprint());
    }
}
