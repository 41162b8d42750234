using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Configuration;
using Strata.Core.Imports;
using Strata.Core.Recall;
using Strata.Core.Recall.Embeddings;
using Strata.Llm.Embeddings;

namespace Strata.Acceptance.Tests.Recall;

/// <summary>
/// <c>Embeddings:Provider onnx</c> with a tiny sentence encoder the test builds (python3-onnx): the vectors equal numpy's
/// reference (WordPiece pieces, truncation to MaxTokens, mean pooling over the attention mask in a padded batch, L2
/// norm); the background backfill embeds every message with it and recall's vector signal uses it, on both databases;
/// a missing or invalid model or vocabulary stops with a message that names the setting and the file.
/// </summary>
public sealed class OnnxEmbeddingTests
{
    private static IEmbedder Create(string settings) =>
        EmbedderFactory.Create(new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(settings))).Build(),
            TimeProvider.System, NullLoggerFactory.Instance)!;

    [Fact]
    public async Task The_vectors_equal_the_reference_mean_pooled_over_the_attention_mask_and_normalised()
    {
        string[] texts =
        [
            "Hello adoption!",                          // a word in two pieces (adopt ##ion) and punctuation unknown to the vocabulary
            "The CAFÉ by the lake",                     // lower-cased, the accent removed
            "zebra hello",                              // a word the vocabulary lacks: [UNK]
            "",                                         // [CLS] [SEP] alone
            string.Join(' ', Enumerable.Repeat("hello lake", 40)), // 80 pieces, cut to MaxTokens 12
        ];
        using var encoder = OnnxEncoder.Build(["hello", "adopt", "the", "cafe", "by", "lake"], ["##ion"], texts, maxTokens: 12);
        var embedder = Create(encoder.Settings(maxTokens: 12, batchSize: 4));
        try
        {
            Assert.StartsWith("onnx:encoder:", embedder.Model, StringComparison.Ordinal);
            // Batches of 4 and 1: texts of different lengths padded together, so the mask decides what is averaged.
            var batched = await embedder.EmbedAsync(embedder.Model, texts, CancellationToken.None);
            Assert.Equal(texts.Length, batched.Count);
            for (var i = 0; i < texts.Length; i++)
            {
                OnnxEncoder.Equal(encoder.References[i], batched[i]);
                var alone = await embedder.EmbedAsync(embedder.Model, [texts[i]], CancellationToken.None);
                OnnxEncoder.Equal(encoder.References[i], alone[0]);
            }
            Assert.Equal(1f, (float)Math.Sqrt(batched[0].Sum(v => v * v)), 4);
            Assert.NotEqual(batched[0], batched[1]);
            await Assert.ThrowsAsync<InvalidOperationException>(() => embedder.EmbedAsync("another-model", ["hello"], CancellationToken.None));
        }
        finally
        {
            (embedder as IDisposable)?.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_backfill_embeds_every_message_with_the_encoder_and_recall_uses_its_vectors(string backend)
    {
        var friends = MessageFiles.Friends();
        var texts = friends.Select(l => l.Text).ToList();
        using var encoder = OnnxEncoder.Build(OnnxEncoder.WordsOf(texts), [], texts, maxTokens: 64);
        using var strata = TestStrata.Create(backend, configurationJson: encoder.Settings(maxTokens: 64, batchSize: 3));
        var alice = await strata.UserAsync("alice");
        await strata.Services.ChatImports.ImportAsync(alice,
            new ChatImportRequest(MessageFiles.Of(friends), ChatProviders.Messages, "friends.jsonl", FullPass: false), null, CancellationToken.None);
        Assert.True(await strata.RunDueJobsAsync() >= 2); // the conversion, then the backfill it queued
        Assert.Equal(["dimensions=16|n=10"], strata.Rows("SELECT DISTINCT dimensions, COUNT(*) AS n FROM recall_vectors GROUP BY dimensions"));

        // Asked in a message's own words, the vector signal finds that message at cosine 1: the stored vector is the one
        // the encoder gives for its text, which equals numpy's reference.
        var index = texts.FindIndex(t => t.StartsWith("We took the kids camping", StringComparison.Ordinal));
        var answer = await strata.Services.Recall.RecallAsync(alice, new RecallRequest(texts[index], 10, [RecallKinds.Message]), CancellationToken.None);
        Assert.False(answer.Partial, string.Join(" ", answer.PartialReasons));
        Assert.Equal(10, answer.Signals[RecallSignals.Vector]);
        var found = Assert.Single(answer.Results, r => r.Provenance.MessageId == friends[index].Id);
        Assert.Equal(1.0, found.Scores[RecallSignals.Vector], 4);
        Assert.Equal(friends[index].Id, answer.Results[0].Provenance.MessageId);
        Assert.All(answer.Results.Where(r => r != found), r => Assert.True(r.Scores.GetValueOrDefault(RecallSignals.Vector) < 0.9999));
    }

    [Fact]
    public void A_missing_or_invalid_model_or_vocabulary_stops_with_the_setting_and_the_file_named()
    {
        using var encoder = OnnxEncoder.Build(["hello"], [], ["hello"], maxTokens: 8);
        var missing = Path.Combine(encoder.Directory.FullName, "absent.onnx");
        var error = Assert.Throws<StrataConfigurationException>(() => Create(encoder.Settings(8).Replace(Json(encoder.ModelPath), Json(missing), StringComparison.Ordinal)));
        Assert.Equal($"Embeddings:ModelPath names {missing}, which does not exist (the sentence encoder's .onnx file).", error.Message);

        var garbage = Path.Combine(encoder.Directory.FullName, "garbage.onnx");
        File.WriteAllText(garbage, "this is not a model");
        error = Assert.Throws<StrataConfigurationException>(() => Create(encoder.Settings(8).Replace(Json(encoder.ModelPath), Json(garbage), StringComparison.Ordinal)));
        Assert.StartsWith($"Embeddings:ModelPath {garbage} is not a model ONNX Runtime can load:", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<StrataConfigurationException>(() => Create(encoder.Settings(8).Replace(Json(encoder.VocabPath), Json(missing + ".txt"), StringComparison.Ordinal)));
        Assert.Equal($"Embeddings:VocabPath names {missing}.txt, which does not exist (the model's WordPiece vocab.txt).", error.Message);

        error = Assert.Throws<StrataConfigurationException>(() => Create("""{"Embeddings": {"Provider": "onnx"}}"""));
        Assert.Equal("Embeddings:ModelPath must name the sentence encoder's .onnx file (Embeddings:Provider onnx).", error.Message);

        error = Assert.Throws<StrataConfigurationException>(() => Create(encoder.Settings(4)));
        Assert.Equal("Embeddings:MaxTokens must be a whole number from 8 to 8192 (got '4').", error.Message);
    }

    private static string Json(string path) => System.Text.Json.JsonSerializer.Serialize(path);
}
