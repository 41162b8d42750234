using System.Numerics.Tensors;

namespace Strata.Llm.Embeddings.Onnx;

/// <summary>Sentence-transformers' pooling: the mean of a text's token vectors over its attention mask (padding left
/// out), then L2-normalised so cosine is a dot product.</summary>
internal static class MeanPooling
{
    /// <param name="hidden">The model's <c>last_hidden_state</c>, row-major [batch, sequence, dimensions].</param>
    public static float[] Pool(ReadOnlySpan<float> hidden, ReadOnlySpan<long> mask, int row, int sequence, int dimensions)
    {
        var sum = new float[dimensions];
        var tokens = 0;
        for (var s = 0; s < sequence; s++)
        {
            if (mask[row * sequence + s] == 0) continue;
            TensorPrimitives.Add(sum, hidden.Slice((row * sequence + s) * dimensions, dimensions), sum);
            tokens++;
        }
        if (tokens > 0) TensorPrimitives.Divide(sum, tokens, sum);
        var norm = TensorPrimitives.Norm(sum);
        if (norm > 0) TensorPrimitives.Divide(sum, norm, sum);
        return sum;
    }
}
