namespace Strata.Core.Entities;

/// <summary>A thing Strata knows about. The id is derived from user, type and normalised canonical name.</summary>
public sealed record Entity(
    string Id,
    string UserId,
    string EntityType,
    string CanonicalName,
    string? MergedInto,
    DateTimeOffset? MergedAt,
    DateTimeOffset CreatedAt);

/// <summary>The audit row of one merge.</summary>
public sealed record MergeRecord(
    string Id,
    string UserId,
    string FromEntityId,
    string ToEntityId,
    string? Reason,
    int ObservationsMoved,
    DateTimeOffset MergedAt);

/// <summary>A query over a user's entities.</summary>
/// <param name="WithProvenance">Read each snapshot's provenance; when false the snapshots come with none (an empty map),
/// which spares reading and parsing a column a list of results does not show.</param>
/// <param name="WordsOnly">For a text of whole words: only the entities where every word begins a word of their text (the
/// first tier of such a query), not those that merely contain the words inside a word ("son" in "Johnson"). Recall's
/// entity lookups ask this: a word inside another word is not a mention, and on SQLite finding those is a trigram search
/// over every user's entities and a check of each row it names. A text that is not whole words is a substring query either way.</param>
public sealed record EntityQuery(string? EntityType, string? Text, bool IncludeMerged, Paging Paging, bool WithProvenance = true,
    bool WordsOnly = false);
