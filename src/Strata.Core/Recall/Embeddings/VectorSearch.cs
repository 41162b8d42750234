using System.Numerics.Tensors;

namespace Strata.Core.Recall.Embeddings;

/// <summary>
/// Exact nearest neighbours by cosine: the model's vectors are read in keyset batches into one contiguous float32 matrix
/// sized by <see cref="RecallOptions.VectorScanBytes"/> (never the whole corpus in memory), each row scored with
/// <see cref="TensorPrimitives.CosineSimilarity(ReadOnlySpan{float}, ReadOnlySpan{float})"/>, the best kept in a bounded
/// heap. The same code on both databases; an approximate index can replace it behind <see cref="IRecallVectorStore"/>.
/// </summary>
public static class VectorSearch
{
    public static async Task<IReadOnlyList<(UnitKey Key, double Score)>> NearestAsync(IRecallVectorReader store, string model, float[] question,
        RecallQuery query, CancellationToken cancellationToken)
    {
        var dimensions = question.Length;
        var rows = (int)Math.Clamp(query.Options.VectorScanBytes / ((long)dimensions * sizeof(float)), 1, 1_000_000);
        var matrix = new float[rows * dimensions];
        var keys = new UnitKey[rows];
        var cap = query.Options.CandidatesPerSignal;
        var best = new PriorityQueue<UnitKey, (float Score, UnitKey Key)>(cap + 1, Worst.First);
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
                VectorBytes.Read(row.Vector, matrix.AsSpan(n * dimensions, dimensions));
                keys[n++] = row.Key;
            }
            for (var i = 0; i < n; i++)
            {
                var score = TensorPrimitives.CosineSimilarity(question, matrix.AsSpan(i * dimensions, dimensions));
                if (float.IsNaN(score)) continue; // a zero vector has no direction
                var entry = (score, keys[i]);
                if (best.Count < cap) best.Enqueue(keys[i], entry);
                else if (best.TryPeek(out _, out var worst) && Worst.First.Compare(entry, worst) > 0) best.EnqueueDequeue(keys[i], entry);
            }
            if (batch.Count < rows) break;
            after = batch[^1].Key;
        }
        if (mismatched > 0)
        {
            query.Partial($"{mismatched} vector(s) of model {model} have another length than the question's ({dimensions}) and were left out.");
        }
        var ranked = new List<(UnitKey Key, double Score)>(best.Count);
        while (best.TryDequeue(out var key, out var entry)) ranked.Add((key, entry.Score));
        ranked.Reverse();
        return ranked;
    }

    /// <summary>The heap's order: lowest score first and, among equal scores, the later key, so ties keep the earlier keys
    /// on every database.</summary>
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
