namespace Strata.Core.Documents;

/// <summary>A block as stored: the converter's block, the document it belongs to and its stable id
/// (<see cref="ConversionId.BlockUid"/>: the conversion's id and the block's index).</summary>
public sealed record StoredBlock(string DocumentId, string BlockUid, DocumentBlock Block);
