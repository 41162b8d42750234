using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Strata.Acceptance.Tests.Recall;

/// <summary>
/// A tiny sentence encoder built for a test by <c>Fixtures/onnx/build_encoder.py</c> with Debian's python3-onnx, its
/// vocabulary, and the vectors it must give for given texts, computed by numpy in that script (no code shared with the
/// embedder under test). Without python3-onnx the test fails saying so: CI installs it (test.sh), nothing is skipped.
/// </summary>
internal sealed class OnnxEncoder : IDisposable
{
    private OnnxEncoder(DirectoryInfo directory, IReadOnlyList<float[]> references)
    {
        Directory = directory;
        References = references;
    }

    public DirectoryInfo Directory { get; }

    public string ModelPath => Path.Combine(Directory.FullName, "encoder.onnx");

    public string VocabPath => Path.Combine(Directory.FullName, "vocab.txt");

    /// <summary>The expected vector of each text given to <see cref="Build"/>, in order.</summary>
    public IReadOnlyList<float[]> References { get; }

    /// <summary>The <c>Embeddings</c> settings that run this encoder.</summary>
    public string Settings(int maxTokens, int batchSize = 4) =>
        $$$"""{"Embeddings": {"Provider": "onnx", "ModelPath": {{{JsonSerializer.Serialize(ModelPath)}}}, "VocabPath": {{{JsonSerializer.Serialize(VocabPath)}}}, "MaxTokens": "{{{maxTokens}}}", "BatchSize": "{{{batchSize}}}"}}""";

    /// <summary>The vocabulary: BERT's special tokens, <paramref name="words"/> and <paramref name="pieces"/> (continuations
    /// such as <c>##ion</c>), one a line; texts of other words meet [UNK].</summary>
    public static OnnxEncoder Build(IEnumerable<string> words, IEnumerable<string> pieces, IReadOnlyList<string> texts, int maxTokens)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("strata-onnx-");
        string[] vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", .. words.Distinct(StringComparer.Ordinal), .. pieces];
        File.WriteAllLines(Path.Combine(directory.FullName, "vocab.txt"), vocabulary, new UTF8Encoding(false));
        var textsPath = Path.Combine(directory.FullName, "texts.json");
        File.WriteAllText(textsPath, JsonSerializer.Serialize(texts));
        var script = Path.Combine(AppContext.BaseDirectory, "Fixtures", "onnx", "build_encoder.py");
        // Debian's interpreter first: python3-onnx installs there, whatever python3 comes first on the PATH.
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { script, Path.Combine(directory.FullName, "vocab.txt"), textsPath, maxTokens.ToString(System.Globalization.CultureInfo.InvariantCulture), directory.FullName })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{python} did not start.");
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120))) process.Kill(entireProcessTree: true); // a hang guard only
        if (process.ExitCode != 0)
        {
            Assert.Fail($"Building the test's ONNX encoder failed ({python} exit {process.ExitCode}; these tests need Debian's python3-onnx): {error.Result}");
        }
        using var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory.FullName, "reference.json")));
        var vectors = reference.RootElement.EnumerateArray()
            .Select(e => e.GetProperty("vector").EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToList();
        return new OnnxEncoder(directory, vectors);
    }

    /// <summary>The lower-cased words of texts, as a vocabulary built from them.</summary>
    public static IEnumerable<string> WordsOf(IEnumerable<string> texts) =>
        texts.SelectMany(t => t.ToLowerInvariant().Split(t.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries));

    public static void Equal(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5f, $"component {i}: expected {expected[i]}, got {actual[i]}");
    }

    public void Dispose() => Directory.Delete(recursive: true);
}
