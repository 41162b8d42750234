namespace Strata.Core.Evidence;

/// <summary>Finds evidence quotes in one source text. Built once per source (folding is linear in its length),
/// then asked for many quotes. An exact match wins; otherwise the folded texts are matched and the span mapped
/// back to the original characters. A quote found nowhere is reported as such, never approximated.</summary>
public sealed class EvidenceLocator(string source)
{
    private readonly Lazy<FoldedText> _folded = new(() => FoldedText.Of(source));

    public string Source => source;

    /// <summary>Looks for <paramref name="quote"/> inside <c>[start, start + length)</c> of the source (a chunk), first occurrence.</summary>
    public EvidenceSpan Locate(string? quote, int start = 0, int? length = null)
    {
        var end = length is { } l ? start + l : source.Length;
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, source.Length);
        var trimmed = quote?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return EvidenceSpan.NotFound;

        var exact = source.IndexOf(trimmed, start, end - start, StringComparison.Ordinal);
        if (exact >= 0) return new EvidenceSpan(true, exact, trimmed.Length, EvidenceMatch.Exact);

        var wanted = FoldedText.Quote(trimmed);
        if (wanted.Length == 0) return EvidenceSpan.NotFound;
        var folded = _folded.Value;
        var from = folded.FirstAtOrAfter(start);
        var to = folded.FirstAtOrAfter(end);
        var at = folded.Text.IndexOf(wanted, from, to - from, StringComparison.Ordinal);
        if (at < 0) return EvidenceSpan.NotFound;
        var spanStart = folded.StartOf(at);
        var spanEnd = Math.Min(folded.EndOf(at + wanted.Length - 1), end);
        return new EvidenceSpan(true, spanStart, spanEnd - spanStart, EvidenceMatch.Normalized);
    }
}
