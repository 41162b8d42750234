using Strata.Core.Storage;

namespace Strata.Core.Recall;

/// <summary>
/// One layer of memory that recall searches (messages and blocks, entities; relations next). A layer gives ranked lists
/// of candidate keys, one per signal it runs, and then the results for the keys the fusion kept. A new layer is one
/// more class in <see cref="RecallService"/>'s list.
/// </summary>
public interface IRecallLayer
{
    /// <summary>The result kinds this layer answers with; it is asked only when the question wants one of them.</summary>
    IReadOnlyList<string> Kinds { get; }

    Task<IReadOnlyList<RankedList>> SearchAsync(RecallQuery query, IStoreReader session, CancellationToken cancellationToken);

    /// <summary>A part of this layer's search that can run on a sibling read session (the same snapshot, another thread)
    /// while <see cref="SearchAsync"/> runs on the question's, or null when there is none. Asked only once a sibling is
    /// open, and the work returned is then always run, before the other layers on that sibling; the layer finds its result
    /// through the query.</summary>
    Func<IStoreReader, Task>? BesideWork(RecallQuery query, CancellationToken cancellationToken) => null;

    Task<IReadOnlyDictionary<string, RecallResult>> ResultsAsync(RecallQuery query, IStoreReader session, IReadOnlyCollection<string> keys,
        CancellationToken cancellationToken);
}

/// <summary>One signal's candidates, best first, each with the signal's own score.</summary>
public sealed record RankedList(string Signal, IReadOnlyList<(string Key, double Score)> Items);
