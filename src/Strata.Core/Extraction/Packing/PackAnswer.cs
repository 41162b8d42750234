using System.Text.Json;
using Strata.Core.Llm.Calls;

namespace Strata.Core.Extraction.Packing;

/// <summary>What one call said about a pack: a result per item it answered, or a failure for the whole pack
/// (no parse, cut at max_tokens). <see cref="Response"/> carries the raw text and usage of the call.</summary>
public sealed record PackAnswer(IReadOnlyDictionary<string, JsonElement> Results, string? Failure, ExtractionResponse Response);

/// <summary>Calls a model for a pack of items.</summary>
public delegate Task<PackAnswer> PackCall(IReadOnlyList<WorkItem> pack, CancellationToken cancellationToken);
