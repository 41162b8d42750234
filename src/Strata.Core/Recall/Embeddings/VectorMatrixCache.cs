namespace Strata.Core.Recall.Embeddings;

/// <summary>
/// The process's vectors in memory (one per <see cref="StrataServices"/>, which is one per process): per (user, model) a
/// <see cref="VectorMatrix"/>, so a question scores a matrix already normalised instead of reading every vector from the
/// database. Bounded by <see cref="CapacityBytes"/> (<see cref="RecallOptions.VectorCacheBytes"/>): a load reserves its
/// estimated bytes first, evicting the least recently used matrices, and a user whose vectors do not fit is not cached —
/// the caller scans the database as before (same scores, same tie rule). Never stale, across processes too: a matrix is
/// used only for the generation the question's own read session reads (kept by migration 0340's triggers, bumped in the
/// transaction of every vector added or removed, a document's deletion included); any other generation loads again.
/// One load per key at a time: questions of the same generation wait for it, others scan meanwhile. A question with a
/// project filter scans too (units do not carry their project here); kind and time filters apply in memory.
/// A matrix evicted while a question still scores it is freed when that question ends: the accounted bytes are those
/// the cache holds.
/// </summary>
public sealed class VectorMatrixCache(long capacityBytes)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string User, string Model), Slot> _slots = [];
    private readonly LinkedList<(string User, string Model)> _recency = []; // least recently used first
    private long _accounted;
    private long _peak;

    public long CapacityBytes => capacityBytes;

    /// <summary>Bytes held and reserved for loads in flight.</summary>
    public long AccountedBytes
    {
        get { lock (_gate) return _accounted; }
    }

    /// <summary>The most <see cref="AccountedBytes"/> has been: never above <see cref="CapacityBytes"/>.</summary>
    public long PeakAccountedBytes
    {
        get { lock (_gate) return _peak; }
    }

    /// <summary>The bytes a load of <paramref name="rows"/> vectors of <paramref name="dimensions"/> reserves (what it holds
    /// once read is at most this).</summary>
    public static long ReservedBytes(long rows, int dimensions) => VectorMatrix.EstimatedBytes(rows, dimensions);

    /// <summary>The nearest units of <paramref name="model"/> for <paramref name="userId"/> at <paramref name="count"/>'s
    /// generation, from memory; null when the cache cannot answer (the caller scans the database).</summary>
    public async Task<IReadOnlyList<(UnitKey Key, double Score)>?> NearestAsync(IRecallVectorReader store, string userId, string model, VectorCount count,
        float[] question, RecallQuery query, CancellationToken cancellationToken)
    {
        if (query.Filter.ProjectId is not null) return null;
        var matrix = await MatrixAsync(store, (userId, model), count, question.Length, query.Options.VectorScanBytes, cancellationToken);
        if (matrix is null) return null;
        VectorSearch.ReportMismatched(query, model, matrix.Mismatched, question.Length);
        return matrix.Nearest(VectorSearch.Normalised(question), query.Filter, query.Options.CandidatesPerSignal);
    }

    private async Task<VectorMatrix?> MatrixAsync(IRecallVectorReader store, (string User, string Model) key, VectorCount count, int dimensions,
        long batchBytes, CancellationToken cancellationToken)
    {
        Slot slot;
        TaskCompletionSource<VectorMatrix?> loading;
        var mine = false;
        lock (_gate)
        {
            if (_slots.TryGetValue(key, out var held) && held.Matrix is { } matrix && matrix.Generation == count.Generation && matrix.Dimensions == dimensions)
            {
                _recency.Remove(held.Node);
                _recency.AddLast(held.Node);
                return matrix;
            }
            if (held?.Loading is { } other)
            {
                if (held.LoadingGeneration != count.Generation || held.LoadingDimensions != dimensions) return null;
                slot = held;
                loading = other;
            }
            else
            {
                if (held?.Matrix is not null) Drop(held); // stale: another generation
                var need = VectorMatrix.EstimatedBytes(count.Vectors, dimensions);
                if (!MakeRoom(need)) return null;
                slot = held ?? new Slot(new LinkedListNode<(string User, string Model)>(key));
                _slots[key] = slot;
                slot.Loading = loading = new TaskCompletionSource<VectorMatrix?>(TaskCreationOptions.RunContinuationsAsynchronously);
                slot.LoadingGeneration = count.Generation;
                slot.LoadingDimensions = dimensions;
                slot.Reserved = need;
                Account(need);
                mine = true;
            }
        }
        return mine
            ? await LoadAsync(store, key, slot, count, dimensions, batchBytes, cancellationToken)
            : await loading.Task.WaitAsync(cancellationToken);
    }

    private async Task<VectorMatrix?> LoadAsync(IRecallVectorReader store, (string User, string Model) key, Slot slot, VectorCount count, int dimensions,
        long batchBytes, CancellationToken cancellationToken)
    {
        VectorMatrix? loaded = null;
        try
        {
            var batchRows = (int)Math.Clamp(batchBytes / ((long)dimensions * sizeof(float)), 1, 1_000_000);
            loaded = await VectorMatrix.LoadAsync(store, key.Model, count, dimensions, batchRows, cancellationToken);
            return loaded;
        }
        finally
        {
            lock (_gate)
            {
                var waiting = slot.Loading!;
                slot.Loading = null;
                Account(-slot.Reserved);
                slot.Reserved = 0;
                // Kept when it fits once the others are evicted; else it answers this question and those waiting, and goes.
                if (loaded is not null && MakeRoom(loaded.Bytes))
                {
                    slot.Matrix = loaded;
                    Account(loaded.Bytes);
                    _recency.AddLast(slot.Node);
                }
                else if (slot.Matrix is null)
                {
                    _slots.Remove(key);
                }
                waiting.TrySetResult(loaded);
            }
        }
    }

    /// <summary>Evicts the least recently used matrices until <paramref name="bytes"/> more fit; false when they cannot
    /// (more than the cap, or the rest reserved by loads in flight).</summary>
    private bool MakeRoom(long bytes)
    {
        if (bytes > capacityBytes) return false;
        while (_accounted + bytes > capacityBytes && _recency.First is { } oldest) Drop(_slots[oldest.Value]);
        return _accounted + bytes <= capacityBytes;
    }

    private void Drop(Slot slot)
    {
        Account(-slot.Matrix!.Bytes);
        slot.Matrix = null;
        _recency.Remove(slot.Node);
        if (slot.Loading is null) _slots.Remove(slot.Node.Value);
    }

    private void Account(long bytes)
    {
        _accounted += bytes;
        _peak = Math.Max(_peak, _accounted);
    }

    private sealed class Slot(LinkedListNode<(string User, string Model)> node)
    {
        public LinkedListNode<(string User, string Model)> Node { get; } = node;
        public VectorMatrix? Matrix { get; set; }
        public TaskCompletionSource<VectorMatrix?>? Loading { get; set; }
        public long LoadingGeneration { get; set; }
        public int LoadingDimensions { get; set; }
        public long Reserved { get; set; }
    }
}
