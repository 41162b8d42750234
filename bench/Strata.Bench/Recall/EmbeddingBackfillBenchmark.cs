using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Bench.Harness;
using Strata.Core;
using Strata.Core.Configuration;
using Strata.Core.Imports;
using Strata.Core.Recall.Embeddings;
using Strata.Core.Sources;
using Strata.Core.Users;
using Strata.FakeLlm;
using Strata.Formats;
using Strata.Llm.Embeddings;
using Strata.Postgres.Storage;
using Strata.Sqlite;
using Strata.Storage.Compliance;

namespace Strata.Bench.Recall;

/// <summary>
/// embed-backfill (issue 27): the embedding backfill's rate against the bare embedder's in the same run, on SQLite and on
/// PostgreSQL (the server STRATA_TEST_DATABASE_URL names, or one the bench starts as the tests do). The embedder is the
/// fake server's <c>/v1/embeddings</c> in this process (384 dimensions, 64 texts a call). Both sides are measured warm:
/// the fake server answers about 3,300 texts/s cold and needs some 40,000 texts to reach its steady rate (about 27,000
/// texts/s here), so it first answers <see cref="WarmTexts"/> texts, and each database first backfills a warm-up user
/// (the backfill's own code and statements warm). Then, per database: the bare embedder on the bench user's texts (the
/// same texts in the same batches, nothing stored), the backfill job over that user's units, the bare embedder again; the
/// ratio is against the better bare run, so it errs against the backfill. Goal: at least 0.8 of the bare rate.
/// --quick: 2,000 messages and a shorter warm-up (20,000 messages otherwise).
/// </summary>
public sealed class EmbeddingBackfillBenchmark : IBenchmark
{
    private const string Model = "bench-384";

    private const string WarmUser = "bench-warm-up";

    private static int WarmTexts(BenchSettings settings) => settings.Pick(60_000, 8_000);

    public string Name => "embed-backfill";

    public string Description => "embedding backfill rate (job, store, transactions) vs the warm bare embedder on the same texts, SQLite and PostgreSQL (goal >= 0.8)";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        // The thread-pool floor of the processes that run backfills (strata serve, worker and mcp), for both sides.
        Strata.Core.Jobs.PoolThreads.Reserve();
        var report = new Report(Name, settings.Quick);
        var count = settings.Pick(20_000, 2_000);
        await using var fake = await FakeLlmServer.StartAsync(new FakeLlmOptions { RecordRequests = false }, cancellationToken);
        var embedder = RecallLatencyBenchmark.Embedder(fake.OpenAiBaseUrl, Model);
        var texts = Enumerable.Range(0, count).Select(Text).ToList();
        report.Json["load_before"] = Load();

        // The warm-up, in slices: the first and last slice's rates show how far the server climbed.
        var slice = Enumerable.Range(count, 4_000).Select(Text).ToList();
        var slices = new List<double>();
        for (var warmed = 0; warmed < WarmTexts(settings); warmed += slice.Count) slices.Add(await BareRateAsync(embedder, slice, cancellationToken));
        report.Figure("warm_up_first_per_s", slices[0], "embedder warm-up: its first 4,000 texts", "texts/s", "cold: why both sides are measured warm");
        report.Figure("warm_up_last_per_s", slices[^1], "embedder warm-up: its last 4,000 texts", "texts/s", $"after {slices.Count * slice.Count:N0} texts");

        using var workspace = new Workspace("embed-backfill");
        await MeasureAsync(report, "sqlite", with => EmbeddedStrata.Open(workspace.Folder("sqlite"), [new RulesInterpreter()], TimeProvider.System, new EmbeddedSettings
        {
            ChatExports = new Strata.Formats.Chat.Import.ChatExports(),
            Documents = Strata.Formats.Documents.DocumentConverters.Default,
            Embedder = with,
        }), embedder, texts, cancellationToken);

        string url;
        try
        {
            url = await PostgresTestDatabase.CreateAsync();
        }
        catch (Exception unreachable) when (unreachable is not OperationCanceledException)
        {
            report.NotMeasured("postgres_backfill_ratio", "postgres", unreachable.Message);
            return report;
        }
        try
        {
            await using var store = await PostgresStrataStore.OpenAsync(url, TimeProvider.System, cancellationToken);
            var folder = workspace.Folder("postgres");
            await MeasureAsync(report, "postgres", with => new StrataServices(store, new FileBlobStore(folder), [new RulesInterpreter()],
                StrataConfiguration.Apply(new StrataOptions { SpoolDirectory = Path.Combine(folder, "spool") }, EmbeddedStrata.LoadConfiguration(folder)),
                TimeProvider.System,
                documents: Strata.Formats.Documents.DocumentConverters.Default, chatExports: new Strata.Formats.Chat.Import.ChatExports(), embedder: with),
                embedder, texts, cancellationToken);
        }
        finally
        {
            await PostgresTestDatabase.DropAsync(url);
        }
        report.Json["load_after"] = Load();
        return report;
    }

    /// <summary>One database: the messages imported and indexed with no provider, then the same store opened with the
    /// embedder; the warm-up user backfilled untimed, then bare, the timed backfill, bare.</summary>
    private static async Task MeasureAsync(Report report, string database, Func<IEmbedder?, StrataServices> open, IEmbedder embedder, List<string> texts,
        CancellationToken cancellationToken)
    {
        var plain = open(null);
        var user = (await plain.Users.CreateAsync(StrataHost.UserName, Plans.Enterprise, cancellationToken)).UserId;
        var warmUser = (await plain.Users.CreateAsync(WarmUser, Plans.Enterprise, cancellationToken)).UserId;
        await ImportAsync(plain, warmUser, texts.Take(Math.Min(texts.Count, 2_000)).ToList(), cancellationToken);
        await ImportAsync(plain, user, texts, cancellationToken);
        await plain.Jobs.DrainAsync("embed-backfill-import", cancellationToken);

        var services = open(embedder);
        await services.Store.Jobs.EnqueueAsync(EmbeddingBackfillJobHandler.Request(warmUser, Model, "bench-warm-up"), cancellationToken);
        await services.Jobs.DrainAsync("embed-backfill-warm-up", cancellationToken);

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var bareBefore = await BareRateAsync(embedder, texts, cancellationToken);
        var bareCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        await services.Store.Jobs.EnqueueAsync(EmbeddingBackfillJobHandler.Request(user, Model, "bench"), cancellationToken);
        cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await services.Jobs.DrainAsync("embed-backfill", cancellationToken);
        var backfill = texts.Count / watch.Elapsed.TotalSeconds;
        var backfillCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var bareAfter = await BareRateAsync(embedder, texts, cancellationToken);
        await using (var session = await services.Store.OpenReadAsync(user, cancellationToken))
        {
            var stored = (await session.Recall.VectorCountsAsync(cancellationToken)).GetValueOrDefault(Model).Vectors;
            if (stored != texts.Count) report.Failures.Add($"{database}: the backfill stored {stored} vectors for {texts.Count} messages");
        }

        var bare = Math.Max(bareBefore, bareAfter);
        report.Figure($"{database}_bare_embedder_per_s", bare, $"{database}: bare embedder (better of before and after)", "texts/s",
            $"{bareBefore:0} before, {bareAfter:0} after; 64 a call, 384 dims");
        report.Figure($"{database}_backfill_per_s", backfill, $"{database}: backfill job (walk, embed, write)", "units/s", $"{texts.Count:N0} messages");
        // The bench process's CPU (embedder client and server, and the store's client side; not PostgreSQL's backends):
        // a backfill bound by CPU on a small machine shows it here, a backfill that waits does not.
        report.Figure($"{database}_bare_cpu_us", bareCpu.TotalMicroseconds / texts.Count, $"{database}: process CPU a text, bare (before)", "µs", "");
        report.Figure($"{database}_backfill_cpu_us", backfillCpu.TotalMicroseconds / texts.Count, $"{database}: process CPU a unit, backfill", "µs", "");
        report.Goal($"{database}_backfill_ratio", backfill / bare, $"{database}: backfill rate / bare embedder rate", "", 0.8, higherIsBetter: true);
    }

    private static async Task ImportAsync(StrataServices services, string userId, List<string> texts, CancellationToken cancellationToken)
    {
        var lines = new StringBuilder();
        for (var i = 0; i < texts.Count; i++)
        {
            lines.Append($$"""{"conversation_id":"c{{i / 200}}","message_id":"m{{i}}","speaker":"bench","time":null,"text":"{{texts[i]}}"}""").Append('\n');
        }
        await services.ChatImports.ImportAsync(userId, new ChatImportRequest(new MemoryStream(Encoding.UTF8.GetBytes(lines.ToString())),
            ChatProviders.Messages, "bench.jsonl", FullPass: false), null, cancellationToken);
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

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "";

    private static string Text(int i) =>
        $"Message {i}: we talked about the garden, the {(i % 7) switch { 0 => "roses", 1 => "tomatoes", 2 => "shed", 3 => "fence", 4 => "pond", 5 => "hedge", _ => "lawn" }} and plans for week {i % 52}.";
}
