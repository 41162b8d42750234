namespace Strata.Core.Recall.Embeddings;

/// <summary>The queries of <see cref="IRecallVectorStore"/>: all a read session (<see cref="Strata.Core.Storage.IStoreReader"/>) offers of it.</summary>
public interface IRecallVectorReader
{
    /// <summary>Up to <paramref name="limit"/> indexed units that have no vector for <paramref name="model"/>, in key order after
    /// <paramref name="after"/> (so a backfill walks the units once rather than scanning from the start for every batch), with their text.</summary>
    Task<IReadOnlyList<UnitText>> UnembeddedAsync(string model, UnitKey? after, int limit, CancellationToken cancellationToken);

    /// <summary>How many units have a vector, per model that has any, with the model's generation (kept, not counted: one row).</summary>
    Task<IReadOnlyDictionary<string, VectorCount>> VectorCountsAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> vectors of <paramref name="model"/> within <paramref name="filter"/>, in key
    /// order after <paramref name="after"/> (keyset paging: a scan never holds more than one batch).</summary>
    Task<IReadOnlyList<StoredVector>> VectorsAsync(string model, RecallFilter filter, UnitKey? after, int limit, CancellationToken cancellationToken);
}

/// <summary>The user's recall vectors, in the database beside the word index (so every process on it shares them):
/// written by the backfill, read in keyset batches by <see cref="VectorSearch"/>.</summary>
public interface IRecallVectorStore : IRecallVectorReader
{
    /// <summary>Stores vectors for <paramref name="model"/>; a unit that already has one (a batch retried) keeps it.</summary>
    Task AddVectorsAsync(string model, IReadOnlyList<(UnitKey Key, float[] Vector)> vectors, CancellationToken cancellationToken);

    /// <summary>Deletes the vectors of every model but <paramref name="model"/>; returns how many.</summary>
    Task<int> DeleteOtherModelsAsync(string model, CancellationToken cancellationToken);
}

/// <summary>A model's vectors of one user: how many, and a generation that grows with every vector added or removed (in the
/// transaction that adds or removes it), so a copy held in memory is current exactly while the generation is the same.</summary>
public readonly record struct VectorCount(long Vectors, long Generation);

public sealed record UnitText(UnitKey Key, string Text);

/// <summary>A stored vector: float32 little-endian bytes, with its unit's kind and time (what a filter reads, kept beside the
/// vectors <see cref="VectorMatrixCache"/> holds).</summary>
public sealed record StoredVector(UnitKey Key, byte[] Vector, string Kind, long? At);
