using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Bench.Harness;
using Strata.Core.Imports;
using Strata.Core.Recall.Embeddings;
using Strata.FakeLlm;
using Strata.Llm.Embeddings;
using Strata.Sqlite;

namespace Strata.Bench.Recall;

/// <summary>
/// embed-backfill (issue 27): the embedding backfill's rate against the bare embedder's in the same run. Messages are
/// imported and indexed with no provider; then the same data directory is opened with an OpenAI-compatible embedder (the
/// fake server's <c>/v1/embeddings</c>, 384 dimensions, 64 texts a call) and its backfill job drained, while the bare rate is
/// the same embedder called on the same texts in the same batches with nothing stored — measured before and after the
/// backfill, and the better of the two taken, so the ratio errs against the backfill. Goal: at least 0.8 of the bare rate.
/// --quick: 2,000 messages (20,000 otherwise). SQLite.
/// </summary>
public sealed class EmbeddingBackfillBenchmark : IBenchmark
{
    private const string Model = "bench-384";

    public string Name => "embed-backfill";

    public string Description => "embedding backfill rate (job, store, transactions) vs the bare embedder on the same texts (goal >= 0.8)";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var report = new Report(Name, settings.Quick);
        var count = settings.Quick ? 2_000 : 20_000;
        await using var fake = await FakeLlmServer.StartAsync(new FakeLlmOptions { RecordRequests = false }, cancellationToken);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Embeddings:Provider"] = "openai-compatible",
            ["Embeddings:BaseUrl"] = fake.OpenAiBaseUrl.ToString(),
            ["Embeddings:Model"] = Model,
            ["Embeddings:BatchSize"] = "64",
        }).Build();
        var embedder = EmbedderFactory.Create(configuration, TimeProvider.System, NullLoggerFactory.Instance)!;
        var texts = Enumerable.Range(0, count).Select(Text).ToList();

        using var workspace = new Workspace("embed-backfill");
        var plain = await StrataHost.OpenAsync(workspace.Folder("data"), cancellationToken);
        var lines = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            lines.Append($$"""{"conversation_id":"c{{i / 200}}","message_id":"m{{i}}","speaker":"bench","time":null,"text":"{{texts[i]}}"}""").Append('\n');
        }
        await plain.Services.ChatImports.ImportAsync(plain.UserId, new ChatImportRequest(new MemoryStream(Encoding.UTF8.GetBytes(lines.ToString())),
            ChatProviders.Messages, "bench.jsonl", FullPass: false), null, cancellationToken);
        await plain.Services.Jobs.DrainAsync("embed-backfill", cancellationToken);

        await BareRateAsync(embedder, texts.Take(2 * embedder.BatchSize).ToList(), cancellationToken); // warm-up: JIT and connection
        var bareBefore = await BareRateAsync(embedder, texts, cancellationToken);
        var host = await StrataHost.OpenAsync(workspace.Folder("data"), cancellationToken, settings: new EmbeddedSettings { Embedder = embedder });
        await host.Services.Store.Jobs.EnqueueAsync(EmbeddingBackfillJobHandler.Request(host.UserId, Model, "bench"), cancellationToken);
        var watch = Stopwatch.StartNew();
        await host.Services.Jobs.DrainAsync("embed-backfill", cancellationToken);
        var backfill = count / watch.Elapsed.TotalSeconds;
        var bareAfter = await BareRateAsync(embedder, texts, cancellationToken);
        await using (var session = await host.Services.Store.OpenReadAsync(host.UserId, cancellationToken))
        {
            var stored = (await session.Recall.VectorCountsAsync(cancellationToken)).GetValueOrDefault(Model);
            if (stored != count) report.Failures.Add($"the backfill stored {stored} vectors for {count} messages");
        }

        var bare = Math.Max(bareBefore, bareAfter);
        report.Figure("bare_embedder_per_s", bare, "bare embedder (best of before and after)", "texts/s", $"{bareBefore:0} before, {bareAfter:0} after; 64 a call, 384 dims");
        report.Figure("backfill_per_s", backfill, "backfill job (read, embed, write a batch per transaction)", "units/s", $"{count:N0} messages, SQLite");
        report.Goal("backfill_ratio", backfill / bare, "backfill rate / bare embedder rate", "", 0.8, higherIsBetter: true);
        return report;
    }

    private static async Task<double> BareRateAsync(IEmbedder embedder, List<string> texts, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        for (var first = 0; first < texts.Count; first += embedder.BatchSize)
        {
            await embedder.EmbedAsync(Model, texts.GetRange(first, Math.Min(embedder.BatchSize, texts.Count - first)), cancellationToken);
        }
        return texts.Count / watch.Elapsed.TotalSeconds;
    }

    private static string Text(int i) =>
        $"Message {i}: we talked about the garden, the {(i % 7) switch { 0 => "roses", 1 => "tomatoes", 2 => "shed", 3 => "fence", 4 => "pond", 5 => "hedge", _ => "lawn" }} and plans for week {i % 52}.";
}
