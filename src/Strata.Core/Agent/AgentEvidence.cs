using System.Globalization;
using System.Text;
using System.Text.Json;
using Strata.Core.Errors;
using Strata.Core.Evidence;
using Strata.Core.Operations;

namespace Strata.Core.Agent;

/// <summary>The evidence quotes an agent gives with an entity: one string for the whole entity, or an object of quotes
/// by field. Each located quote's character range is written into the observation's locator, so provenance reaches
/// the characters: <c>index:2 chars:10-24</c> (the entity) or <c>index:2 email=chars:40-57 phone=not_found</c> (per
/// field; end exclusive, UTF-16 offsets as <c>get_source_content</c> counts them).</summary>
public static class AgentEvidence
{
    public const string Property = "evidence";

    /// <summary>The quotes of <paramref name="entity"/>: field (null for the whole entity) to quote, in the order given.</summary>
    public static IReadOnlyList<(string? Field, string Quote)> Read(JsonElement entity, int index)
    {
        if (entity.ValueKind != JsonValueKind.Object || !entity.TryGetProperty(Property, out var evidence) || evidence.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (evidence.ValueKind == JsonValueKind.String)
        {
            return [(null, evidence.GetString()!)];
        }
        if (evidence.ValueKind != JsonValueKind.Object)
        {
            throw StrataException.Validation($"entities[{index}].evidence must be a quote (a string) or an object of quotes by field name.");
        }
        var quotes = new List<(string?, string)>();
        foreach (var quote in evidence.EnumerateObject())
        {
            if (quote.Value.ValueKind != JsonValueKind.String)
            {
                throw StrataException.Validation($"entities[{index}].evidence.{quote.Name} must be a quote (a string).");
            }
            quotes.Add((quote.Name, quote.Value.GetString()!));
        }
        return quotes;
    }

    public static EvidenceResult Locate(EvidenceLocator? locator, int index, string? field, string quote)
    {
        var span = locator?.Locate(quote) ?? EvidenceSpan.NotFound;
        return span.Found
            ? new EvidenceResult(index, field, true, span.Start, span.Length, span.Match == EvidenceMatch.Exact ? "exact" : "normalized")
            : new EvidenceResult(index, field, false, null, null, "none");
    }

    /// <summary>The observation locator for record <paramref name="index"/> with its located quotes.</summary>
    public static string Locator(int index, IEnumerable<EvidenceResult> located)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"index:{index}"));
        foreach (var result in located)
        {
            text.Append(' ');
            if (result.Field is not null) text.Append(result.Field).Append('=');
            text.Append(result.EvidenceFound
                ? string.Create(CultureInfo.InvariantCulture, $"chars:{result.Start}-{result.Start + result.Length}")
                : "not_found");
        }
        return text.ToString();
    }
}
