using System.Text;
using System.Text.Json;
using Strata.Acceptance.Tests.Review;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Errors;

namespace Strata.Acceptance.Tests.Exports;

/// <summary>export reconstruct: real Markdown documents (the repository's sample notes, CommonMark spec examples) come
/// back byte for byte when nothing is revised; confirmed revisions replace exactly their blocks' characters, staged ones
/// nothing.</summary>
public sealed class ReconstructionTests : IAsyncDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private ReviewFixture _review = null!;

    private const string RevisionSchema = """
        {"schema_ref":"revision","description":"A clearer wording of the block.",
         "properties":{"revised_content":{"type":"string","description":"The block rewritten."},
                       "topic":{"type":"string"},"risk":{"type":"number"},"kind":{"type":"string"}},
         "prompt_config":{"system":"You edit documents.","block_prompt":"Rewrite each block.","max_blocks_per_call":10,"max_tokens_per_block":200}}
        """;

    /// <summary>Real documents: the sample meeting notes, and the CommonMark spec's examples of three sections, each
    /// section's examples one document (tabs, entities, a BOM-free mix of constructs).</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> RealDocuments()
    {
        yield return ("kickoff-notes.md", File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "kickoff-notes.md")));
        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "documents", "spec.json")));
        foreach (var section in new[] { "Tabs", "Block quotes", "List items" })
        {
            var markdown = string.Join("\n", spec.RootElement.EnumerateArray()
                .Where(e => e.GetProperty("section").GetString() == section).Select(e => e.GetProperty("markdown").GetString()));
            yield return (section.Replace(' ', '-').ToLowerInvariant() + ".md", Encoding.UTF8.GetBytes(markdown));
        }
    }

    private async Task<byte[]> ReconstructAsync(string document)
    {
        var download = await _review.Strata.Services.Reconstruction.ReconstructAsync(_review.User, document, null, null, None);
        var destination = new AsyncOnlyStream();
        await download.WriteToAsync(destination, null, None);
        return destination.Received;
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task RealDocumentsWithNothingRevisedComeBackByteForByte(string backend)
    {
        _review = await ReviewFixture.StartAsync(backend);
        await _review.RegisterSchemaAsync(json: RevisionSchema);
        var checkedDocuments = 0;
        foreach (var (name, bytes) in RealDocuments())
        {
            var document = (await _review.Strata.Services.Documents.AddFileAsync(_review.User, _review.ProjectId, new MemoryStream(bytes), name, null,
                wait: true, None)).Document.DocumentId;
            Assert.Equal(bytes, await ReconstructAsync(document));
            // A run whose answers are only staged revises nothing either.
            await _review.Strata.Services.Review.StartRunAsync(_review.User, document, "revision", null, null, None);
            await _review.WorkAsync();
            Assert.Equal(bytes, await ReconstructAsync(document));
            checkedDocuments++;
        }
        Assert.Equal(4, checkedDocuments);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ConfirmedRevisionsReplaceTheirBlocksCharactersAndNothingElse(string backend)
    {
        _review = await ReviewFixture.StartAsync(backend);
        await _review.RegisterSchemaAsync(json: RevisionSchema);
        var original = Encoding.UTF8.GetString(RealDocuments().First().Bytes);
        var document = await _review.AddDocumentAsync("kickoff-notes.md", original);
        var run = (await _review.Strata.Services.Review.StartRunAsync(_review.User, document, "revision", null, null, None)).Run.RunId;
        await _review.WorkAsync();
        var blocks = (await _review.Strata.Services.Documents.ListBlocksAsync(_review.User, document, new Core.Paging(100), None)).Blocks;
        Assert.True(blocks.Count >= 4, "the sample has several blocks");
        var revised = new Dictionary<int, string> { [1] = "REVISED ONE — é", [3] = "Revised\nthree" };
        foreach (var (index, text) in revised)
        {
            await _review.Strata.Services.Review.EditAsync(_review.User, run, index,
                ReviewFixture.Parse(JsonSerializer.Serialize(new Dictionary<string, string> { ["revised_content"] = text })), None);
        }
        // Confirmed without the revision field: the block stays as it was.
        await _review.Strata.Services.Review.ConfirmAsync(_review.User, run, 2, None);

        var expected = new StringBuilder();
        var position = 0;
        foreach (var block in blocks.Where(b => revised.ContainsKey(b.Index)))
        {
            var start = block.Locator.GetProperty("start").GetInt32();
            expected.Append(original, position, start - position).Append(revised[block.Index]);
            position = block.Locator.GetProperty("end").GetInt32();
        }
        expected.Append(original, position, original.Length - position);
        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(await ReconstructAsync(document)));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task TheRevisionFieldTheSchemaDeclaresIsTheOneRebuiltFromAndAnUndeclaredOneIsRefused(string backend)
    {
        _review = await ReviewFixture.StartAsync(backend);
        var invalid = await Assert.ThrowsAsync<StrataException>(() => _review.RegisterSchemaAsync(json: RevisionSchema.Replace(
            "\"prompt_config\"", "\"revision_field\":\"risk\",\"prompt_config\"", StringComparison.Ordinal)));
        Assert.Contains("revision_field names 'risk', which is not a declared string property", invalid.Message);
        await _review.RegisterSchemaAsync(json: RevisionSchema.Replace("\"prompt_config\"", "\"revision_field\":\"topic\",\"prompt_config\"", StringComparison.Ordinal));
        var original = Encoding.UTF8.GetString(RealDocuments().First().Bytes);
        var document = await _review.AddDocumentAsync("kickoff-notes.md", original);
        var run = (await _review.Strata.Services.Review.StartRunAsync(_review.User, document, "revision", null, null, None)).Run.RunId;
        await _review.WorkAsync();
        var block = (await _review.Strata.Services.Documents.ListBlocksAsync(_review.User, document, new Core.Paging(100), None)).Blocks.Single(b => b.Index == 1);
        await _review.Strata.Services.Review.EditAsync(_review.User, run, 1,
            ReviewFixture.Parse("""{"topic": "DECLARED", "revised_content": "not the declared field"}"""), None);

        var start = block.Locator.GetProperty("start").GetInt32();
        var end = block.Locator.GetProperty("end").GetInt32();
        Assert.Equal(original[..start] + "DECLARED" + original[end..], Encoding.UTF8.GetString(await ReconstructAsync(document)));
        // Named on the request, another field wins over the declared one.
        var named = await _review.Strata.Services.Reconstruction.ReconstructAsync(_review.User, document, "revised_content", null, None);
        var destination = new AsyncOnlyStream();
        await named.WriteToAsync(destination, null, None);
        Assert.Equal(original[..start] + "not the declared field" + original[end..], Encoding.UTF8.GetString(destination.Received));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ADocumentNotConvertedOrAnotherUsersIsRefused(string backend)
    {
        _review = await ReviewFixture.StartAsync(backend);
        var document = await _review.AddDocumentAsync("notes.md", "# Notes\n\nText.\n");
        var pending = (await _review.Strata.Services.Documents.AddFileAsync(_review.User, _review.ProjectId,
            new MemoryStream(Encoding.UTF8.GetBytes("Later.\n")), "later.md", null, wait: false, None)).Document.DocumentId;
        var bob = await _review.Strata.UserAsync("bob");

        Assert.Equal(ErrorCodes.DocumentNotIngested, (await Assert.ThrowsAsync<StrataException>(() =>
            _review.Strata.Services.Reconstruction.ReconstructAsync(_review.User, pending, null, null, None))).Code);
        Assert.Equal(ErrorCodes.DocumentNotFound, (await Assert.ThrowsAsync<StrataException>(() =>
            _review.Strata.Services.Reconstruction.ReconstructAsync(bob, document, null, null, None))).Code);
    }

    public async ValueTask DisposeAsync()
    {
        if (_review is not null) await _review.DisposeAsync();
    }
}
