namespace Strata.Core.Evidence;

/// <summary>How a quote was found in its source.</summary>
public enum EvidenceMatch
{
    /// <summary>Not found: the value keeps its quote with <c>evidence_found: false</c>, and no offsets are invented.</summary>
    None,

    /// <summary>The quote occurs character for character.</summary>
    Exact,

    /// <summary>Found after folding whitespace runs, case, accents, compatibility forms and typographic quotes and dashes.</summary>
    Normalized,
}
