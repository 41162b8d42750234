using Strata.Acceptance.Tests.Support;
using Strata.Core.Errors;

namespace Strata.Acceptance.Tests.Review;

/// <summary>Block schemas in the registry: the uid is the hash of the canonical JSON; the same definition returns the
/// version that has it; a changed one is SCHEMA_CONFLICT unless a new version is asked for.</summary>
public sealed class BlockSchemaTests
{
    private static readonly CancellationToken None = ReviewFixture.None;

    private const string Reordered = """
        {"prompt_config":{"max_tokens_per_block":200,"max_blocks_per_call":10,"block_prompt":"Judge each clause.","system":"You review contracts."},
         "required":["topic","risk"],
         "properties":{"kind":{"enum":["payment","term","other"],"type":"string"},"risk":{"description":"1 (low) to 5 (high).","type":"number"},
                       "topic":{"description":"What the clause is about.","type":"string"}},
         "description":"What a clause is about and how risky it is.","schema_ref":"clause-review"}
        """;

    private const string Changed = """
        {"schema_ref":"clause-review","properties":{"topic":{"type":"string"},"owner":{"type":"string"}}}
        """;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task TheSameDefinitionReturnsTheExistingVersionAndAChangedOneConflictsUnlessANewVersionIsAsked(string backend)
    {
        await using var review = await ReviewFixture.StartAsync(backend);

        var first = await review.RegisterSchemaAsync();
        var same = await review.RegisterSchemaAsync(json: Reordered);
        var conflict = await Assert.ThrowsAsync<StrataException>(() => review.RegisterSchemaAsync(json: Changed));
        var second = await review.RegisterSchemaAsync(json: Changed, newVersion: true);
        var firstAgain = await review.RegisterSchemaAsync(newVersion: true);

        Assert.Equal((true, 1), (first.Created, first.Version));
        Assert.Equal((false, 1, first.SchemaUid), (same.Created, same.Version, same.SchemaUid));
        Assert.Equal(ErrorCodes.SchemaConflict, conflict.Code);
        Assert.Equal((true, 2), (second.Created, second.Version));
        Assert.NotEqual(first.SchemaUid, second.SchemaUid);
        Assert.Equal((false, 1), (firstAgain.Created, firstAgain.Version));
        var latest = await review.Strata.Services.BlockSchemas.GetAsync(review.User, "clause-review", null, None);
        Assert.Equal((2, 2), (latest.Version, latest.Properties.EnumerateObject().Count()));
        var older = await review.Strata.Services.BlockSchemas.GetAsync(review.User, "clause-review", 1, None);
        Assert.Equal((10, "You review contracts."), (older.PromptConfig.MaxBlocksPerCall, older.PromptConfig.System));
        // Another user registers the same ref as their own, and cannot see this one's versions.
        var bob = await review.Strata.UserAsync("bob");
        Assert.Equal(1, (await review.RegisterSchemaAsync(bob, Changed)).Version);
    }

    [Theory]
    [InlineData("""{"schema_ref":"Clause Review","properties":{"topic":{"type":"string"}}}""", "schema_ref")]
    [InlineData("""{"schema_ref":"contact","properties":{"topic":{"type":"string"}}}""", "built-in")]
    [InlineData("""{"schema_ref":"x","properties":{}}""", "properties")]
    [InlineData("""{"schema_ref":"x","properties":{"topic":{"type":"date"}}}""", "type must be")]
    [InlineData("""{"schema_ref":"x","properties":{"topic":{"type":"string"}},"required":["owner"]}""", "owner")]
    [InlineData("""{"schema_ref":"x","properties":{"block_uid":{"type":"string"}}}""", "reserved")]
    [InlineData("""{"schema_ref":"x","properties":{"topic":{"type":"string"}},"prompt_config":{"max_blocks_per_call":0}}""", "max_blocks_per_call")]
    [InlineData("""{"schema_ref":"x","properties":{"topic":{"type":"string"}},"prompt_config":{"model":"gpt"}}""", "provider/model")]
    public async Task AnInvalidBlockSchemaIsRefusedSayingWhatIsWrong(string json, string named)
    {
        await using var review = await ReviewFixture.StartAsync(Backends.Sqlite);

        var refused = await Assert.ThrowsAsync<StrataException>(() => review.RegisterSchemaAsync(json: json));

        Assert.Equal(ErrorCodes.ValidationFailed, refused.Code);
        Assert.Contains(named, refused.Message);
        Assert.Empty((await review.Strata.Services.BlockSchemas.ListAsync(review.User, None)).Items);
    }

    [Fact]
    public async Task ARefStartingWithADigitIsAValidSlugAndAnEntityTypesNameIsNotABlockSchemas()
    {
        await using var review = await ReviewFixture.StartAsync(Backends.Sqlite);
        await review.Strata.Services.Schemas.RegisterAsync(review.User,
            ReviewFixture.Parse("""{"entity_type":"book","fields":{"title":{"type":"string"}},"canonical_name":["title"]}"""), None);

        var digit = await review.RegisterSchemaAsync(json: """{"schema_ref":"2024-audit","properties":{"ok":{"type":"boolean"}}}""");
        var taken = await Assert.ThrowsAsync<StrataException>(() => review.RegisterSchemaAsync(json: """{"schema_ref":"book","properties":{"ok":{"type":"boolean"}}}"""));

        Assert.Equal(("2024-audit", 1), (digit.SchemaRef, digit.Version));
        Assert.Equal(ErrorCodes.SchemaConflict, taken.Code);
    }
}
