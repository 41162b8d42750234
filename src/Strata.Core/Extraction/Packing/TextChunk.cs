namespace Strata.Core.Extraction.Packing;

/// <summary>A piece of a source: <c>source.Substring(Start, Length)</c>, the heading it sits under, and its token estimate.</summary>
public sealed record TextChunk(int Index, int Start, int Length, string Text, string? Heading, int EstimatedTokens);
