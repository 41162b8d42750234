using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Strata.Core.Configuration;

namespace Strata.Llm.Embeddings.Onnx;

/// <summary>
/// A local sentence encoder (<c>Embeddings:Provider onnx</c>): <c>ModelPath</c>, the ONNX file (inputs <c>input_ids</c>,
/// <c>attention_mask</c> and optionally <c>token_type_ids</c>; output <c>last_hidden_state</c>), <c>VocabPath</c>, its
/// WordPiece <c>vocab.txt</c>, <c>MaxTokens</c> per text (with [CLS] and [SEP]), <c>LowerCase</c> (uncased models) and
/// <c>BatchSize</c>. <c>Model</c> names the vectors; by default the file's name and the start of its SHA-256, so a
/// replaced file re-embeds in the background as a model change does.
/// </summary>
public sealed record OnnxEmbedderOptions
{
    public const int DefaultMaxTokens = 256;

    public const int DefaultBatchSize = 32;

    public required string ModelPath { get; init; }

    public required string VocabPath { get; init; }

    public required string Model { get; init; }

    public int MaxTokens { get; init; } = DefaultMaxTokens;

    public bool LowerCase { get; init; } = true;

    public int BatchSize { get; init; } = DefaultBatchSize;

    public static OnnxEmbedderOptions Read(IConfigurationSection section)
    {
        var modelPath = ExistingFile(section, "ModelPath", "the sentence encoder's .onnx file");
        var vocabPath = ExistingFile(section, "VocabPath", "the model's WordPiece vocab.txt");
        return new OnnxEmbedderOptions
        {
            ModelPath = modelPath,
            VocabPath = vocabPath,
            Model = section["Model"] is { Length: > 0 } name ? name.Trim() : DefaultName(modelPath),
            MaxTokens = Whole(section, "MaxTokens", DefaultMaxTokens, 8, 8192),
            BatchSize = Whole(section, "BatchSize", DefaultBatchSize, 1, 1024),
            LowerCase = section["LowerCase"] is not { Length: > 0 } lower
                || (bool.TryParse(lower, out var flag) ? flag : throw new StrataConfigurationException($"Embeddings:LowerCase must be true or false (got '{lower}').")),
        };
    }

    private static string ExistingFile(IConfigurationSection section, string key, string what)
    {
        var path = section[key] is { Length: > 0 } p ? Path.GetFullPath(p.Trim())
            : throw new StrataConfigurationException($"Embeddings:{key} must name {what} (Embeddings:Provider onnx).");
        return File.Exists(path) ? path : throw new StrataConfigurationException($"Embeddings:{key} names {path}, which does not exist ({what}).");
    }

    private static int Whole(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        if (section[key] is not { Length: > 0 } text) return fallback;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new StrataConfigurationException($"Embeddings:{key} must be a whole number from {min} to {max} (got '{text}').");
    }

    /// <summary>Read once at start: a file's name alone would keep serving a replaced model's vectors as if nothing changed.</summary>
    private static string DefaultName(string modelPath)
    {
        using var file = File.OpenRead(modelPath);
        var hash = Convert.ToHexStringLower(SHA256.HashData(file));
        return $"onnx:{Path.GetFileNameWithoutExtension(modelPath)}:{hash[..12]}";
    }
}
