using System.Text;
using System.Text.Json;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Observations;
using Strata.Core.Exports.Memory;

namespace Strata.Acceptance.Tests.Exports;

/// <summary>
/// export memory: every entity of the caller with its values and the relations holding now, each citing the
/// observation that won it and its source, as Markdown a person reads and JSON a program reads; filtered by type and
/// by update time; hostile stored text cannot turn into Markdown structure; another user's memory never in it.
/// </summary>
public sealed class MemoryExportTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestStrata _strata = null!;

    private async Task<string> AliceAsync()
    {
        var alice = await _strata.UserAsync("alice");
        await _strata.Services.Structured.StoreAsync(alice, new StoreRequest(Json("""
            [{"entity_type": "contact", "email": "ada@example.com", "name": "Ada Lovelace", "emails": ["ada@example.com", "countess@example.com"]},
             {"entity_type": "company", "name": "Analytical Engines", "domain": "engines.example"}]
            """), null, null, Json("""[{"from": 0, "relation_type": "works_at", "to": 1}]""")), None);
        var bob = await _strata.UserAsync("bob");
        await _strata.StoreAsync(bob, """[{"entity_type": "contact", "email": "bob@example.com", "name": "Bob Secret"}]""");
        return alice;
    }

    private static List<JsonElement> Json(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();

    private async Task<string> ExportAsync(string user, MemoryExportRequest request)
    {
        var download = await _strata.Services.MemoryExports.ExportAsync(user, request, None);
        var destination = new AsyncOnlyStream();
        await download.WriteToAsync(destination, null, None);
        return Encoding.UTF8.GetString(destination.Received);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task JsonCitesForEveryValueTheObservationThatWonItAndItsSourceAndHoldsRelationsWithTheOtherEndsName(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await AliceAsync();

        var memory = JsonDocument.Parse(await ExportAsync(alice, new MemoryExportRequest("json"))).RootElement;

        var entities = memory.GetProperty("entities").EnumerateArray().ToList();
        Assert.Equal(2, entities.Count);
        Assert.Equal(2, memory.GetProperty("count").GetInt32());
        await using var session = await _strata.Services.Store.OpenReadAsync(alice, None);
        foreach (var entity in entities)
        {
            var snapshot = (await _strata.Services.Entities.GetSnapshotAsync(alice, entity.GetProperty("entity_id").GetString()!, null, None))!;
            var values = entity.GetProperty("values").EnumerateArray().ToList();
            Assert.Equal(snapshot.Fields.Keys.Order(), values.Select(v => v.GetProperty("field").GetString()!).Order());
            foreach (var value in values)
            {
                var field = value.GetProperty("field").GetString()!;
                Assert.True(JsonElement.DeepEquals(snapshot.Fields[field], value.GetProperty("value")), field);
                var source = value.GetProperty("source");
                Assert.Equal(snapshot.Provenance![field], source.GetProperty("observation_id").GetString());
                var observation = (await session.Observations.GetAsync(snapshot.Provenance![field], None))!;
                Assert.Equal(observation.SourceId, source.GetProperty("source_id").GetString());
                Assert.Equal("structured", source.GetProperty("kind").GetString());
            }
        }
        var ada = entities.Single(e => e.GetProperty("entity_type").GetString() == "contact");
        Assert.Equal("Ada Lovelace", ada.GetProperty("name").GetString());
        var worksAt = Assert.Single(ada.GetProperty("relations").EnumerateArray());
        Assert.Equal("works_at", worksAt.GetProperty("relation_type").GetString());
        Assert.Equal("Analytical Engines", worksAt.GetProperty("to_name").GetString());
        Assert.StartsWith("src_", worksAt.GetProperty("source").GetProperty("source_id").GetString());
        Assert.DoesNotContain("Bob", memory.GetRawText());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ObservationsAreReadManyAtOnceAndOnlyTheCallersOnes(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await AliceAsync();
        var won = (await _strata.Services.Entities.RetrieveAsync(alice, null, null, false, true, new Paging(), None)).Entities
            .SelectMany(e => e.Provenance!.Values).ToHashSet(StringComparer.Ordinal);
        won.Add("obs_missing");

        await using var hers = await _strata.Services.Store.OpenReadAsync(alice, None);
        await using var his = await _strata.Services.Store.OpenReadAsync(await _strata.UserAsync("bob"), None);
        var many = await hers.Observations.GetManyAsync(won, None);

        Assert.Equal(won.Where(id => id != "obs_missing").Order(), many.Keys.Order());
        foreach (var (id, observation) in many)
        {
            Assert.Equal(JsonSerializer.Serialize(await hers.Observations.GetAsync(id, None)), JsonSerializer.Serialize(observation));
        }
        Assert.Empty(await his.Observations.GetManyAsync(won, None));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task MarkdownHasASectionPerTypeAHeadingPerEntityAndALinePerValueEndingWithItsSource(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await AliceAsync();

        var markdown = await ExportAsync(alice, new MemoryExportRequest(null));

        var lines = markdown.Split('\n');
        Assert.Equal("# Memory", lines[0]);
        Assert.Contains("## contact", lines);
        Assert.Contains("## company", lines);
        Assert.Contains("### Ada Lovelace", lines);
        var snapshot = (await _strata.Services.Entities.RetrieveAsync(alice, "contact", null, false, true, new Paging(), None)).Entities.Single();
        var email = Assert.Single(lines, l => l.StartsWith("- **email**: ", StringComparison.Ordinal));
        Assert.Contains($"observation `{snapshot.Provenance!["email"]}`", email);
        Assert.Contains("source: ", email);
        Assert.Contains(lines, l => l.StartsWith("- *works\\_at* → Analytical Engines (`ent_", StringComparison.Ordinal));
        Assert.DoesNotContain("Bob", markdown);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task TypeAndUpdateTimeFilterTheEntities(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await AliceAsync();
        _strata.Clock.Advance(TimeSpan.FromDays(2));
        var later = _strata.Clock.GetUtcNow();
        await _strata.StoreAsync(alice, """[{"entity_type": "contact", "email": "grace@example.org", "name": "Grace Hopper"}]""");

        static List<string> Names(string json) =>
            JsonDocument.Parse(json).RootElement.GetProperty("entities").EnumerateArray().Select(e => e.GetProperty("name").GetString()!).Order().ToList();

        Assert.Equal(["Ada Lovelace", "Grace Hopper"], Names(await ExportAsync(alice, new MemoryExportRequest("json", "contact"))));
        Assert.Equal(["Grace Hopper"], Names(await ExportAsync(alice, new MemoryExportRequest("json", Since: later))));
        Assert.Equal(["Ada Lovelace", "Analytical Engines"], Names(await ExportAsync(alice, new MemoryExportRequest("json", Until: later))));
        var none = await ExportAsync(alice, new MemoryExportRequest("markdown", "contact", Since: later.AddDays(1)));
        Assert.EndsWith("Nothing matches.\n", none);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task NaughtyStringsStayTextInTheMarkdownAndRoundTripInTheJson(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await _strata.UserAsync("alice");
        var strings = JsonSerializer.Deserialize<string[]>(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "blns", "blns.json")))!
            .Append("x\n# Injected heading\n<script>alert(1)</script> [link](javascript:alert(1)) ![img](http://evil) `code` *em* | a | b |")
            .ToArray();
        await _strata.Services.Structured.StoreAsync(alice, new StoreRequest(strings.Select((s, i) => JsonSerializer.SerializeToElement(new Dictionary<string, object>
        {
            ["entity_type"] = "note", ["title"] = $"naughty {i}", ["body"] = s,
        })).ToList()), None);

        var markdown = await ExportAsync(alice, new MemoryExportRequest("markdown"));
        var document = Markdown.Parse(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());

        var headings = document.Descendants<HeadingBlock>().ToList();
        Assert.Equal(1 + 1 + strings.Length, headings.Count);
        Assert.Empty(document.Descendants<HtmlBlock>());
        Assert.Empty(document.Descendants<HtmlInline>());
        // Only the bare addresses a renderer turns into links by itself (www., http://), never a link or image of the text's making.
        Assert.All(document.Descendants<LinkInline>(), link => Assert.True(link.IsAutoLink && !link.IsImage && !link.Url!.StartsWith("javascript", StringComparison.OrdinalIgnoreCase), link.Url));
        Assert.Empty(document.Descendants<Markdig.Extensions.Tables.Table>());
        var json = JsonDocument.Parse(await ExportAsync(alice, new MemoryExportRequest("json"))).RootElement;
        var bodies = json.GetProperty("entities").EnumerateArray()
            .SelectMany(e => e.GetProperty("values").EnumerateArray()).Where(v => v.GetProperty("field").GetString() == "body")
            .Select(v => v.GetProperty("value").GetString()!).ToHashSet(StringComparer.Ordinal);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await _strata.Services.Entities.RetrieveAsync(alice, "note", null, false, false, new Paging(Paging.MaxLimit, Cursor: cursor), None);
            stored.UnionWith(page.Entities.Select(e => e.Fields.TryGetValue("body", out var body) ? body.GetString() : null).OfType<string>());
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        Assert.Contains(strings[^1], stored);
        Assert.Equal(stored.Order(StringComparer.Ordinal), bodies.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AnUnknownFormatOrAnEmptyWindowIsRefusedBeforeAnyByte()
    {
        _strata = TestStrata.Create(Backends.Sqlite);
        var alice = await _strata.UserAsync("alice");

        var format = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.MemoryExports.ExportAsync(alice, new MemoryExportRequest("pdf"), None));
        var window = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.MemoryExports.ExportAsync(alice,
            new MemoryExportRequest(null, Since: _strata.Clock.GetUtcNow(), Until: _strata.Clock.GetUtcNow()), None));

        Assert.Equal(ErrorCodes.ValidationFailed, format.Code);
        Assert.Contains("markdown or json", format.Message);
        Assert.Equal(ErrorCodes.ValidationFailed, window.Code);
    }

    public void Dispose() => _strata?.Dispose();
}
