namespace Strata.Core.Review;

/// <summary>What a run of a block schema applies: the document (in its project) and the schema version. The run itself
/// (status, config, times) is an ordinary run of the document's source, and its items are the document's blocks.</summary>
public sealed record BlockRun(
    string RunId,
    string DocumentId,
    string ProjectId,
    string SchemaRef,
    int SchemaVersion,
    string SchemaUid,
    DateTimeOffset CreatedAt);

/// <summary>The interpreter of block runs.</summary>
public static class BlockInterpreter
{
    public const string Name = "llm-blocks";
    public const string Version = "1";
}
