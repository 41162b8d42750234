namespace Strata.Core.Llm;

/// <summary>
/// Where one value of an observation came from: the model's quote and, when it was found in the source text, its
/// character range there (UTF-16 offsets, so <c>text.Substring(Start, Length)</c> is what a reader sees). A quote found
/// nowhere keeps <see cref="Found"/> false and no offsets: nothing is approximated.
/// </summary>
/// <param name="ItemIndex">The run item whose answer gave the value.</param>
/// <param name="Match"><c>exact</c>, <c>normalized</c> (after folding whitespace, case, accents, typographic quotes) or <c>none</c>.</param>
public sealed record ObservationEvidence(
    string ObservationId,
    string Field,
    string RunId,
    int ItemIndex,
    string Quote,
    bool Found,
    int? Start,
    int? Length,
    string Match);

/// <summary>The queries of <see cref="IEvidenceStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IEvidenceReader
{
    Task<IReadOnlyList<ObservationEvidence>> ListForObservationAsync(string observationId, CancellationToken cancellationToken);

    /// <summary>The evidence of each of <paramref name="observationIds"/> that has any.</summary>
    Task<IReadOnlyList<ObservationEvidence>> ListForObservationsAsync(IReadOnlyCollection<string> observationIds, CancellationToken cancellationToken);

    /// <summary>A run's evidence in item order, paged.</summary>
    Task<(IReadOnlyList<ObservationEvidence> Items, int Total)> ListForRunAsync(string runId, Paging paging, CancellationToken cancellationToken);
}

/// <summary>Evidence rows, inside the caller's transaction and user.</summary>
public interface IEvidenceStore : IEvidenceReader
{
    /// <summary>Inserts unless a row for the observation and field exists; returns how many it inserted.</summary>
    Task<int> InsertManyAsync(IReadOnlyList<ObservationEvidence> evidence, CancellationToken cancellationToken);
}
