using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using Strata.Core.Configuration;
using Strata.Core.Recall.Embeddings;

namespace Strata.Llm.Embeddings.Onnx;

/// <summary>
/// A sentence encoder the user supplies, run in process with ONNX Runtime (CPU): each text WordPiece-tokenised by
/// Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/> with the model's vocabulary, cut to <c>MaxTokens</c> with [CLS] and
/// [SEP], a batch padded to its longest text, then <see cref="MeanPooling"/> over <c>last_hidden_state</c>. Only the
/// configured model is here: a previous model's vectors (a model change in progress) cannot embed a question, which then
/// answers without the vector signal and says why, as when a remote provider fails.
/// </summary>
public sealed class OnnxEmbedder : IEmbedder, IDisposable
{
    private const string InputIds = "input_ids";
    private const string AttentionMask = "attention_mask";
    private const string TokenTypeIds = "token_type_ids";
    private const string HiddenState = "last_hidden_state";

    private readonly OnnxEmbedderOptions options;
    private readonly InferenceSession session;
    private readonly BertTokenizer tokenizer;
    private readonly bool takesTokenTypes;
    private readonly string output;

    public OnnxEmbedder(OnnxEmbedderOptions options)
    {
        this.options = options;
        try
        {
            session = new InferenceSession(options.ModelPath, new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR });
        }
        catch (OnnxRuntimeException invalid)
        {
            throw new StrataConfigurationException($"Embeddings:ModelPath {options.ModelPath} is not a model ONNX Runtime can load: {invalid.Message}");
        }
        try
        {
            var inputs = session.InputMetadata.Keys.ToHashSet(StringComparer.Ordinal);
            if (!inputs.Contains(InputIds) || !inputs.Contains(AttentionMask) || inputs.Except([InputIds, AttentionMask, TokenTypeIds]).Any())
            {
                throw new StrataConfigurationException(
                    $"Embeddings:ModelPath {options.ModelPath} takes inputs [{string.Join(", ", inputs.Order())}]: a sentence encoder takes input_ids, attention_mask and optionally token_type_ids.");
            }
            takesTokenTypes = inputs.Contains(TokenTypeIds);
            output = session.OutputMetadata.ContainsKey(HiddenState) ? HiddenState : session.OutputMetadata.Keys.First();
            if (session.OutputMetadata[output] is not { IsTensor: true, Dimensions.Length: 3, ElementDataType: TensorElementType.Float })
            {
                throw new StrataConfigurationException(
                    $"Embeddings:ModelPath {options.ModelPath}: its output {output} is not a float [batch, tokens, dimensions] tensor (last_hidden_state), so it cannot be mean-pooled.");
            }
            tokenizer = ReadVocabulary(options);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public string Model => options.Model;

    public int BatchSize => options.BatchSize;

    public Task<IReadOnlyList<float[]>> EmbedAsync(string model, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        if (!string.Equals(model, options.Model, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The ONNX embedder runs only its configured model {options.Model}, not {model}.");
        }
        var vectors = new List<float[]>(texts.Count);
        for (var first = 0; first < texts.Count; first += options.BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            vectors.AddRange(Run(texts.Skip(first).Take(options.BatchSize).Select(Tokens).ToList()));
        }
        return Task.FromResult<IReadOnlyList<float[]>>(vectors);
    }

    /// <summary>[CLS], the text's first <c>MaxTokens − 2</c> word pieces, [SEP]: cut by pieces, as sentence-transformers cuts.</summary>
    private long[] Tokens(string text)
    {
        var pieces = tokenizer.EncodeToIds(text, addSpecialTokens: false);
        var kept = Math.Min(pieces.Count, options.MaxTokens - 2);
        var ids = new long[kept + 2];
        ids[0] = tokenizer.ClassificationTokenId;
        for (var i = 0; i < kept; i++) ids[i + 1] = pieces[i];
        ids[^1] = tokenizer.SeparatorTokenId;
        return ids;
    }

    private IEnumerable<float[]> Run(IReadOnlyList<long[]> batch)
    {
        var sequence = batch.Max(ids => ids.Length);
        var ids = new long[batch.Count * sequence];
        var mask = new long[batch.Count * sequence];
        Array.Fill(ids, tokenizer.PaddingTokenId);
        for (var row = 0; row < batch.Count; row++)
        {
            batch[row].CopyTo(ids, row * sequence);
            mask.AsSpan(row * sequence, batch[row].Length).Fill(1);
        }
        int[] shape = [batch.Count, sequence];
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor(InputIds, new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor(AttentionMask, new DenseTensor<long>(mask, shape)),
        };
        if (takesTokenTypes) inputs.Add(NamedOnnxValue.CreateFromTensor(TokenTypeIds, new DenseTensor<long>(new long[ids.Length], shape)));
        using var results = session.Run(inputs, [output]);
        var hidden = results[0].AsTensor<float>() as DenseTensor<float>
            ?? throw new InvalidOperationException($"The ONNX model's {output} is not a dense float tensor.");
        if (hidden.Dimensions.Length != 3 || hidden.Dimensions[0] != batch.Count || hidden.Dimensions[1] != sequence)
        {
            throw new InvalidOperationException(
                $"The ONNX model answered {output} of shape [{string.Join(", ", hidden.Dimensions.ToArray())}] for {batch.Count} texts of {sequence} tokens.");
        }
        var dimensions = hidden.Dimensions[2];
        var vectors = new float[batch.Count][];
        for (var row = 0; row < batch.Count; row++) vectors[row] = MeanPooling.Pool(hidden.Buffer.Span, mask, row, sequence, dimensions);
        return vectors;
    }

    private static BertTokenizer ReadVocabulary(OnnxEmbedderOptions options)
    {
        try
        {
            using var vocabulary = File.OpenRead(options.VocabPath);
            return BertTokenizer.Create(vocabulary, new BertOptions
            {
                LowerCaseBeforeTokenization = options.LowerCase,
                RemoveNonSpacingMarks = options.LowerCase,
            });
        }
        catch (Exception invalid) when (invalid is not StrataConfigurationException and not OutOfMemoryException)
        {
            throw new StrataConfigurationException(
                $"Embeddings:VocabPath {options.VocabPath} is not a WordPiece vocabulary (one token a line, with [CLS], [SEP], [PAD] and [UNK]): {invalid.Message}");
        }
    }

    public void Dispose() => session.Dispose();
}
