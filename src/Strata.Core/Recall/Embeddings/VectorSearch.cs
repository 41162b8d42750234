using System.Numerics.Tensors;

namespace Strata.Core.Recall.Embeddings;

/// <summary>
/// Exact nearest neighbours by cosine, read from the database: the model's vectors are read in keyset batches into one
/// contiguous float32 matrix sized by <see cref="RecallOptions.VectorScanBytes"/> (never the whole corpus in memory), each
/// row normalised and scored by <see cref="Score"/>, the best kept by a <see cref="NearestList"/>. The same code on both
/// databases; <see cref="VectorMatrixCache"/> keeps a user's vectors in memory instead when they fit, scored by the same
/// two functions so both rank alike bit for bit. An approximate index can replace both behind <see cref="IRecallVectorStore"/>.
/// </summary>
public static class VectorSearch
{
    public static async Task<IReadOnlyList<(UnitKey Key, double Score)>> NearestAsync(IRecallVectorReader store, string model, float[] question,
        RecallQuery query, CancellationToken cancellationToken)
    {
        var dimensions = question.Length;
        var normalised = Normalised(question);
        var rows = (int)Math.Clamp(query.Options.VectorScanBytes / ((long)dimensions * sizeof(float)), 1, 1_000_000);
        var matrix = new float[rows * dimensions];
        var keys = new UnitKey[rows];
        var best = new NearestList(query.Options.CandidatesPerSignal);
        var mismatched = 0;
        UnitKey? after = null;
        while (true)
        {
            if (query.OverTime)
            {
                query.Partial("The time limit cut the vector search short: it ranked the vectors read until then.");
                break;
            }
            var batch = await store.VectorsAsync(model, query.Filter, after, rows, cancellationToken);
            var n = 0;
            foreach (var row in batch)
            {
                if (row.Vector.Length != dimensions * sizeof(float))
                {
                    mismatched++;
                    continue;
                }
                var target = matrix.AsSpan(n * dimensions, dimensions);
                VectorBytes.Read(row.Vector, target);
                Normalise(target);
                keys[n++] = row.Key;
            }
            for (var i = 0; i < n; i++) best.Offer(keys[i], Score(normalised, matrix.AsSpan(i * dimensions, dimensions)));
            if (batch.Count < rows) break;
            after = batch[^1].Key;
        }
        ReportMismatched(query, model, mismatched, dimensions);
        return best.Ranked();
    }

    /// <summary>Scales a vector to length 1 in place, so a cosine is a dot product; a zero (or not finite) vector has no
    /// direction and becomes NaN, which <see cref="NearestList.Offer"/> leaves out.</summary>
    public static void Normalise(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0 && float.IsFinite(norm)) TensorPrimitives.Divide(vector, norm, vector);
        else vector.Fill(float.NaN);
    }

    public static float[] Normalised(ReadOnlySpan<float> vector)
    {
        var copy = vector.ToArray();
        Normalise(copy);
        return copy;
    }

    /// <summary>The cosine of two normalised vectors.</summary>
    public static float Score(ReadOnlySpan<float> question, ReadOnlySpan<float> row) => TensorPrimitives.Dot(question, row);

    public static void ReportMismatched(RecallQuery query, string model, int mismatched, int dimensions)
    {
        if (mismatched > 0)
        {
            query.Partial($"{mismatched} vector(s) of model {model} have another length than the question's ({dimensions}) and were left out.");
        }
    }
}

/// <summary>The best <c>cap</c> (key, score) pairs offered, best first: a bounded heap whose order is the lowest score first
/// and, among equal scores, the later key, so ties keep the earlier keys on every database and in every search.</summary>
public sealed class NearestList(int cap)
{
    private readonly PriorityQueue<UnitKey, (float Score, UnitKey Key)> _best = new(cap + 1, Worst.First);

    public void Offer(UnitKey key, float score)
    {
        if (float.IsNaN(score)) return;
        var entry = (score, key);
        if (_best.Count < cap) _best.Enqueue(key, entry);
        else if (_best.TryPeek(out _, out var worst) && Worst.First.Compare(entry, worst) > 0) _best.EnqueueDequeue(key, entry);
    }

    public IReadOnlyList<(UnitKey Key, double Score)> Ranked()
    {
        var ranked = new List<(UnitKey Key, double Score)>(_best.Count);
        while (_best.TryDequeue(out var key, out var entry)) ranked.Add((key, entry.Score));
        ranked.Reverse();
        return ranked;
    }

    private sealed class Worst : IComparer<(float Score, UnitKey Key)>
    {
        public static readonly Worst First = new();

        public int Compare((float Score, UnitKey Key) x, (float Score, UnitKey Key) y)
        {
            var byScore = x.Score.CompareTo(y.Score);
            if (byScore != 0) return byScore;
            var byDocument = string.CompareOrdinal(y.Key.DocumentId, x.Key.DocumentId);
            return byDocument != 0 ? byDocument : y.Key.BlockIndex.CompareTo(x.Key.BlockIndex);
        }
    }
}
