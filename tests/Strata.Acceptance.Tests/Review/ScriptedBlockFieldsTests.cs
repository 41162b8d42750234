using System.Text.Json;
using Strata.Acceptance.Tests.Llm;
using Strata.Core.Review;
using Strata.FakeLlm;

namespace Strata.Acceptance.Tests.Review;

/// <summary>The runnable fake's <c>fields</c> rule (tests/Strata.FakeLlm/scripts/clause-review.json, the walk-through's):
/// every block's answer filled from that block's own text, in both wire formats a block run speaks (Anthropic forced tool
/// use, OpenAI json_schema), so a person can try review by hand with answers that differ per block.</summary>
public sealed class ScriptedBlockFieldsTests
{
    [Theory]
    [MemberData(nameof(FakeProvider.BackendsAndFormats), MemberType = typeof(FakeProvider))]
    public async Task The_fields_rule_answers_each_block_from_its_own_text_in_both_wire_formats(string backend, string format)
    {
        await using var review = await ReviewFixture.StartAsync(backend, format);
        review.Server.Script.Clear();
        Assert.Equal(1, ScriptFile.Load(Path.Combine(AppContext.BaseDirectory, "scripts", "clause-review.json"), review.Server.Script));
        var lease = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "scripts", "review", "lease.md"));
        var document = await review.AddDocumentAsync("lease.md", lease);
        await review.RegisterSchemaAsync();

        var started = await review.Strata.Services.Review.StartRunAsync(review.User, document, ReviewFixture.SchemaRef, null, null, ReviewFixture.None);
        await review.WorkAsync();

        var values = await review.ValuesAsync(started.Run.RunId);
        Assert.All(values, v => Assert.Equal(BlockValueStates.Staged, v.State));
        // Topics are each block's first line without the heading path Strata puts above it; risk and kind come from the
        // first listed word each block contains.
        Assert.Equal(
        [
            ("# Lease of 12 Harbour Street", 1, "other"),
            ("## Rent", 2, "payment"),
            ("The tenant pays a rent of 1,200 EUR on the first day of each month.", 2, "payment"),
            ("A deposit of 2,400 EUR is held for the term of the lease.", 4, "payment"),
            ("## Term", 1, "term"),
            ("The lease runs for a term of twelve months from 1 March 2025.", 1, "term"),
        ], values.Select(v => (Field(v, "topic").GetString(), Field(v, "risk").GetInt32(), Field(v, "kind").GetString())));
        var request = review.Server.Requests[0].Body;
        Assert.Contains(format == FakeProvider.Anthropic ? "\"tool_choice\"" : "\"json_schema\"", request, StringComparison.Ordinal);
        // The blocks under a heading reached the model under their heading path (its '>' is escaped in the JSON body), and the
        // topics above came without it.
        Assert.Contains("[Lease of 12 Harbour Street ", request, StringComparison.Ordinal);
    }

    private static JsonElement Field(Core.Operations.BlockValueView value, string name) => value.Value!.Value.GetProperty(name);
}
