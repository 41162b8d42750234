namespace Strata.Core.Recall.Embeddings;

/// <summary>
/// One user's vectors of one model as one generation left them (<see cref="VectorCount.Generation"/>), in memory: one
/// contiguous float32 matrix of normalised rows with their 8-bit codes (<see cref="NormalisedRows"/>: the codes find the
/// nearest in a quarter of the bytes, the floats score them exactly), and beside each row its unit's key, kind and time,
/// so the kind and time filters apply here exactly as the database applies them to the scan (<see cref="VectorSearch"/>).
/// Read in the question's read session, whose kept count and vectors are one snapshot: the rows read are exactly the
/// rows counted.
/// </summary>
internal sealed class VectorMatrix
{
    private const long NoTime = long.MinValue;
    private const byte Message = 1;
    private const byte Block = 2;

    /// <summary>Bytes a row's key may take in document id strings before loading says (a document's id is held once for all
    /// its units; this is the room reserved for a unit whose document is its own).</summary>
    private const long DocumentIdAllowance = 64;

    private readonly NormalisedRows _rows;
    private readonly UnitKey[] _keys;
    private readonly long[] _at;
    private readonly byte[] _kinds;

    private VectorMatrix(int dimensions, long generation, int capacity)
    {
        Dimensions = dimensions;
        Generation = generation;
        _rows = new NormalisedRows(dimensions, capacity);
        _keys = new UnitKey[capacity];
        _at = new long[capacity];
        _kinds = new byte[capacity];
    }

    public int Dimensions { get; }

    public long Generation { get; }

    public int Rows { get; private set; }

    /// <summary>Vectors of another length than <see cref="Dimensions"/>, left out (the scan leaves them out and says so too).</summary>
    public int Mismatched { get; private set; }

    /// <summary>The memory this matrix holds: its arrays and its document id strings.</summary>
    public long Bytes { get; private set; }

    /// <summary>The most a matrix of <paramref name="rows"/> vectors takes, reserved before it is read.</summary>
    public static long EstimatedBytes(long rows, int dimensions) => rows * FixedBytesPerRow(dimensions) + rows * DocumentIdAllowance;

    private static long FixedBytesPerRow(int dimensions) => NormalisedRows.BytesPerRow(dimensions) + 16 + sizeof(long) + sizeof(byte);

    /// <summary>Reads the <paramref name="count"/> vectors of <paramref name="model"/> in key order, <paramref name="batchRows"/> a batch.</summary>
    public static async Task<VectorMatrix> LoadAsync(IRecallVectorReader store, string model, VectorCount count, int dimensions, int batchRows,
        CancellationToken cancellationToken)
    {
        var matrix = new VectorMatrix(dimensions, count.Generation, checked((int)count.Vectors));
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        var all = new RecallFilter(true, true, null, null, null);
        UnitKey? after = null;
        while (true)
        {
            var batch = await store.VectorsAsync(model, all, after, batchRows, cancellationToken);
            foreach (var row in batch) matrix.Add(row, documents);
            if (batch.Count < batchRows) break;
            after = batch[^1].Key;
        }
        if (matrix.Rows + matrix.Mismatched != count.Vectors)
        {
            throw new InvalidOperationException($"Read {matrix.Rows + matrix.Mismatched} vectors of model {model} where {count.Vectors} are counted.");
        }
        matrix.Bytes = matrix._keys.Length * FixedBytesPerRow(dimensions) + documents.Keys.Sum(d => 26L + 2L * d.Length);
        return matrix;
    }

    private void Add(StoredVector row, Dictionary<string, string> documents)
    {
        if (row.Vector.Length != Dimensions * sizeof(float))
        {
            Mismatched++;
            return;
        }
        if (Rows + Mismatched == _keys.Length) throw new InvalidOperationException("More vectors were read than are counted.");
        _rows.Add(row.Vector);
        if (!documents.TryGetValue(row.Key.DocumentId, out var document)) documents[row.Key.DocumentId] = document = row.Key.DocumentId;
        _keys[Rows] = new UnitKey(document, row.Key.BlockIndex);
        _at[Rows] = row.At ?? NoTime;
        _kinds[Rows] = row.Kind switch { RecallKinds.Message => Message, RecallKinds.Block => Block, _ => 0 };
        Rows++;
    }

    /// <summary>The <paramref name="cap"/> rows nearest to <paramref name="question"/> (normalised) within the filter's kind
    /// and time (its project is not known here: the caller scans the database for a project).</summary>
    public IReadOnlyList<(UnitKey Key, double Score)> Nearest(ReadOnlySpan<float> question, RecallFilter filter, int cap)
    {
        // As the scan's SQL: a kind condition only when one of the two is asked; a time bound leaves out rows with no time.
        var kind = filter.Messages == filter.Blocks ? (byte?)null : filter.Messages ? Message : Block;
        var (from, to) = (filter.From, filter.To);
        Func<int, bool>? include = kind is null && from is null && to is null ? null : i =>
            (kind is not { } k || _kinds[i] == k)
            && (from is not { } f || (_at[i] != NoTime && _at[i] >= f))
            && (to is not { } t || (_at[i] != NoTime && _at[i] < t));
        return _rows.Nearest(question, cap, include, i => _keys[i]);
    }
}
