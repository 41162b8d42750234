namespace Strata.Core.Relations;

/// <summary>The queries of <see cref="IRelationStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IRelationReader
{
    /// <summary>
    /// The relations touching any of <paramref name="entityIds"/> (either end) that hold at <paramref name="at"/>: per
    /// (from, type, to) the winning observation among those in effect by then (highest priority, then latest observed,
    /// then last written), kept when it asserts and its validity covers <paramref name="at"/>.
    /// </summary>
    Task<IReadOnlyList<RelationObservation>> HoldingAsync(IReadOnlyCollection<string> entityIds, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every observation of one relation, oldest first: its history.</summary>
    Task<IReadOnlyList<RelationObservation>> HistoryAsync(string fromEntityId, string relationType, string toEntityId, CancellationToken cancellationToken);

    /// <summary>The entities among <paramref name="entityIds"/> with what names them (type, canonical name, current fields), in one
    /// read: a neighbourhood names every end it returns, and a snapshot read per end would cost as much as the walk.</summary>
    Task<IReadOnlyList<NamedEnd>> NamedEndsAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken);

    /// <summary>As <see cref="HoldingAsync"/>, only the relations whose type starts with <paramref name="typePrefix"/>, each with
    /// what names its two ends (<see cref="RelationWithEndNames"/>), in ONE statement: the memory-server profile names
    /// every relation it answers by its ends' names, and a read of the far ends apart was one more statement per call.</summary>
    Task<IReadOnlyList<RelationWithEndNames>> HoldingWithEndNamesAsync(IReadOnlyCollection<string> entityIds, string typePrefix, DateTimeOffset at,
        CancellationToken cancellationToken);

    /// <summary>Every observation of the user's relations whose type starts with <paramref name="typePrefix"/>, grouped by
    /// relation, each relation's in rank order (highest priority, then latest observed, then last written): what decides
    /// whether each holds at any time. Null as soon as their <see cref="Strata.Core.MemoryServer.MemoryRelationRow.EstimatedBytes"/>
    /// add up to more than <paramref name="maxBytes"/> (the rest is not read).</summary>
    Task<IReadOnlyList<Strata.Core.MemoryServer.MemoryRelationRow>?> ListOfTypePrefixAsync(string typePrefix, long maxBytes,
        CancellationToken cancellationToken);

    /// <summary>The relations touching any of <paramref name="entityIds"/> (either end) that hold at <paramref name="at"/>, as
    /// text with their endpoints' names and properties, for layers that search text (recall): newest observed first, at most
    /// <paramref name="limit"/>. Bounded by the entities asked for (the two endpoint indexes), never a whole-graph read.</summary>
    Task<IReadOnlyList<RelationText>> ListTextAsync(IReadOnlyCollection<string> entityIds, DateTimeOffset at, int limit, CancellationToken cancellationToken);

    /// <summary>The relations one of whose observations is indexed under any of <paramref name="terms"/> (its type's words and
    /// property values, <see cref="RelationTerms"/>) that hold at <paramref name="at"/>, as <see cref="ListTextAsync"/> gives
    /// them: newest observed first, at most <paramref name="limit"/>. Reads at most <paramref name="postings"/> rows of the term
    /// index (the first by term, then observation id), and says when it stopped there: never a whole-graph read.</summary>
    Task<RelationTermMatches> FindByTermsAsync(IReadOnlyCollection<string> terms, DateTimeOffset at, int postings, int limit,
        CancellationToken cancellationToken);

    /// <summary>One relation as text when it holds at <paramref name="at"/> (else null): a recall result read back by its key.</summary>
    Task<RelationText?> TextOfAsync(string fromEntityId, string relationType, string toEntityId, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>The observations of relations between one user's entities.</summary>
public interface IRelationStore : IRelationReader
{
    /// <summary>Inserts the observations; one already stored (same id: a retried run) is left as it is. Returns how many were new.</summary>
    Task<int> InsertAsync(IReadOnlyList<RelationObservation> observations, CancellationToken cancellationToken);

    /// <summary>A merge: every observation naming <paramref name="fromEntityId"/> at either end names <paramref name="intoEntityId"/>
    /// instead (the reduction then folds duplicates into one relation). Returns how many rows moved.</summary>
    Task<int> MoveEndpointsAsync(string fromEntityId, string intoEntityId, CancellationToken cancellationToken);

    /// <summary>An unmerge: observations first written naming <paramref name="originalEntityId"/> and now naming
    /// <paramref name="currentEntityId"/> name their original entity again. Returns how many rows moved.</summary>
    Task<int> RestoreEndpointsAsync(string originalEntityId, string currentEntityId, CancellationToken cancellationToken);
}

/// <summary>An end of a relation as it is named: its type, canonical name and current fields (JSON).</summary>
public sealed record NamedEnd(string EntityId, string EntityType, string CanonicalName, string FieldsJson);

/// <summary>A relation holding with what names its ends: each end's kept profile name (<c>memory_name</c>, see
/// <see cref="Strata.Core.MemoryServer.MemoryEntityState"/>), or where it has none its current fields (null where the
/// end's entity is missing).</summary>
public sealed record RelationWithEndNames(string FromEntityId, string RelationType, string ToEntityId,
    string? FromMemoryName, string? FromFieldsJson, string? ToMemoryName, string? ToFieldsJson);

/// <summary>What <see cref="IRelationReader.FindByTermsAsync"/> found, and whether it stopped at its bound on the term index.</summary>
public sealed record RelationTermMatches(IReadOnlyList<RelationText> Relations, bool PostingsCut);

/// <summary>A relation as a sentence-like text (<c>Ada Lovelace works_at Analytical Engines</c>) with its properties (JSON),
/// validity and what it came from.</summary>
public sealed record RelationText(string Text, string FromEntityId, string RelationType, string ToEntityId, string ObservationId,
    string RunId, string SourceId, DateTimeOffset ObservedAt, string PropertiesJson = "{}", DateTimeOffset? ValidFrom = null,
    DateTimeOffset? ValidTo = null);
