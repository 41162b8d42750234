namespace Strata.Core.Review;

/// <summary>What review needs of a document: where it belongs, its source, whether it is ingested, and its size.</summary>
public sealed record ReviewDocument(string DocumentId, string ProjectId, string SourceId, string Status, int BlockCount);

/// <summary>What a block run needs of a block: its text for the model and its place in the source.</summary>
public sealed record ReviewBlock(int Index, string BlockUid, string BlockType, string Content, string? HeadingPathJson, string? LocatorJson);
