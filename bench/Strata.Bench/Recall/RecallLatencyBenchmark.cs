using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Strata.Bench.Harness;
using Strata.Core;
using Strata.Core.Imports;
using Strata.Core.Observations;
using Strata.Core.Recall;
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
/// recall-latency (issue 27): the latency of <c>recall</c> over a store of 100,000 messages, 100,000 document blocks and
/// 100,000 entities (1,000 of each with --quick), every kind asked at once with k 10, first with no embedder, then fused
/// with 384-dimensional vectors (the fake server's <c>/v1/embeddings</c>, which the question is embedded by too) once the
/// backfill has embedded every unit. The texts are real chat sentences recombined (<see cref="Corpus"/>); questions are
/// three to five words of a stored text, a quarter of them naming a month ("in May 2025"). Three rounds of the questions per configuration, the p95 of each;
/// the figure is the median round with the min–max. SQLite, then PostgreSQL (the server STRATA_TEST_DATABASE_URL names,
/// or a throwaway one as the tests start it; not measured when none can be had, or when STRATA_BENCH_DATABASES names only
/// sqlite). Goals: p95 ≤ 20 ms with no embedder,
/// ≤ 50 ms fused, on SQLite; PostgreSQL within 2× of those.
/// </summary>
public sealed class RecallLatencyBenchmark : IBenchmark
{
    public const double GoalPlainP95Ms = 20;
    public const double GoalFusedP95Ms = 50;
    private const int Rounds = 3;
    private const string Model = "bench-384";
    private const string Project = "library";

    public string Name => "recall-latency";

    public string Description => "recall p95 at 100,000 messages + blocks + entities, no embedder and fused with 384-dim vectors, SQLite and PostgreSQL";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var report = new Report(Name, settings.Quick);
        var size = settings.Pick(100_000, 1_000);
        // STRATA_BENCH_RECALL_QUESTIONS asks only the first n questions (a developer's aid for a build too slow for all).
        var questions = int.TryParse(Environment.GetEnvironmentVariable("STRATA_BENCH_RECALL_QUESTIONS"), out var asking) && asking > 0
            ? asking
            : settings.Pick(300, 60);
        report.Json["units_per_kind"] = size;
        report.Json["questions_per_round"] = questions;
        report.Json["load_before"] = Load();

        await using var fake = await FakeLlmServer.StartAsync(new FakeLlmOptions { RecordRequests = false }, cancellationToken);
        var embedder = Embedder(fake.OpenAiBaseUrl);
        using var workspace = new Workspace("recall-latency");
        var corpus = new Corpus(size);
        var asked = corpus.Questions(questions);

        // A developer's loop: STRATA_BENCH_RECALL_REUSE names the sqlite folder of a workspace kept by an earlier run
        // (STRATA_BENCH_KEEP=1) and its user; the no-embedder rounds are asked again (and the fused ones with
        // STRATA_BENCH_RECALL_FUSED=1), with no seeding.
        if (Environment.GetEnvironmentVariable("STRATA_BENCH_RECALL_REUSE") is { Length: > 0 } reuse)
        {
            var (folder, user) = (reuse[..reuse.LastIndexOf(':')], reuse[(reuse.LastIndexOf(':') + 1)..]);
            // A PostgreSQL URL (a database kept by STRATA_BENCH_KEEP=1) or a SQLite folder.
            var services = folder.StartsWith("postgres", StringComparison.Ordinal)
                ? await OpenPostgresAsync(folder, workspace.Folder("postgres"), null, cancellationToken)
                : OpenSqlite(folder, null);
            var database = folder.StartsWith("postgres", StringComparison.Ordinal) ? "postgres" : "sqlite";
            await TimeRoundsAsync(report, services, user, asked, database + "_plain", cancellationToken);
            // STRATA_BENCH_RECALL_FUSED=1 asks the fused rounds too, from the vectors the kept run's backfill wrote.
            if (Environment.GetEnvironmentVariable("STRATA_BENCH_RECALL_FUSED") == "1")
            {
                var embedded = database == "postgres"
                    ? await OpenPostgresAsync(folder, workspace.Folder("postgres-fused"), embedder, cancellationToken)
                    : OpenSqlite(folder, embedder);
                await TimeRoundsAsync(report, embedded, user, asked.Take(Math.Max(10, asked.Count / 5)).ToList(), database + "_fused", cancellationToken);
            }
            // STRATA_BENCH_RECALL_TIMES writes each question's best of three times (ms, after the rounds), slowest first: where the tail is.
            if (Environment.GetEnvironmentVariable("STRATA_BENCH_RECALL_TIMES") is { Length: > 0 } timesFile)
            {
                var times = new List<(double Ms, string Question, bool Partial)>();
                foreach (var question in asked)
                {
                    var best = double.MaxValue;
                    var partial = false;
                    for (var i = 0; i < 3; i++)
                    {
                        var clock = System.Diagnostics.Stopwatch.StartNew();
                        partial = (await services.Recall.RecallAsync(user, Ask(question), cancellationToken)).Partial;
                        best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
                    }
                    times.Add((best, question, partial));
                }
                await File.WriteAllLinesAsync(timesFile, times.OrderByDescending(t => t.Ms)
                    .Select(t => $"{t.Ms.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}\t{(t.Partial ? "partial" : "whole")}\t{t.Question}"), cancellationToken);
            }
            // STRATA_BENCH_RECALL_DUMP writes every question's results (kind, place, score), to compare two builds' answers.
            if (Environment.GetEnvironmentVariable("STRATA_BENCH_RECALL_DUMP") is { Length: > 0 } dump)
            {
                await using var answers = new StreamWriter(dump);
                foreach (var question in asked)
                {
                    var answer = await services.Recall.RecallAsync(user, Ask(question), cancellationToken);
                    await answers.WriteLineAsync(question + " | partial " + answer.Partial + " | " + string.Join("; ", answer.Results.Select(r =>
                        $"{r.Kind} {r.Provenance.DocumentId ?? r.Provenance.EntityId}:{r.Provenance.BlockIndex} {r.Score:0.######}")));
                }
            }
            return report;
        }
        var databases = Environment.GetEnvironmentVariable("STRATA_BENCH_DATABASES");
        var sqliteFolder = workspace.Folder("sqlite");
        // STRATA_BENCH_DATABASES=postgres leaves SQLite out, =sqlite PostgreSQL.
        if (databases is null || databases.Contains("sqlite", StringComparison.OrdinalIgnoreCase)) await MeasureAsync(report, "sqlite", corpus, asked, 1,
            withEmbedder => Task.FromResult(OpenSqlite(sqliteFolder, withEmbedder ? embedder : null)), cancellationToken);

        // STRATA_BENCH_DATABASES=sqlite leaves PostgreSQL out (its seeding at full size takes the longest).
        if (databases is { } only && !only.Contains("postgres", StringComparison.OrdinalIgnoreCase))
        {
            report.NotMeasured("postgres_plain_p95_ms", "postgres", "left out by STRATA_BENCH_DATABASES=" + only);
            report.Json["load_after"] = Load();
            return report;
        }
        string? url = null;
        try
        {
            url = await PostgresTestDatabase.CreateAsync();
        }
        catch (Exception unreachable) when (unreachable is not OperationCanceledException)
        {
            report.NotMeasured("postgres_plain_p95_ms", "postgres", unreachable.Message);
        }
        if (url is not null)
        {
            try
            {
                var postgresFolder = workspace.Folder("postgres");
                await MeasureAsync(report, "postgres", corpus, asked, 2,
                    withEmbedder => OpenPostgresAsync(url, postgresFolder, withEmbedder ? embedder : null, cancellationToken), cancellationToken,
                    () => AnalyzeAsync(url, cancellationToken));
            }
            finally
            {
                if (Environment.GetEnvironmentVariable("STRATA_BENCH_KEEP") == "1") Console.Error.WriteLine($"kept the PostgreSQL database {url} (STRATA_BENCH_KEEP=1)");
                else await PostgresTestDatabase.DropAsync(url);
            }
        }
        report.Json["load_after"] = Load();
        return report;
    }

    /// <summary>A question as the bench asks it: k 10, every kind unless STRATA_BENCH_RECALL_KINDS names some (a developer's
    /// aid: the cost of one layer is the difference).</summary>
    private static RecallRequest Ask(string question) =>
        new(question, 10, Kinds: Environment.GetEnvironmentVariable("STRATA_BENCH_RECALL_KINDS")?.Split(',') is { Length: > 0 } kinds ? kinds : null);

    /// <summary>Seeds one store, then times the questions with no embedder, backfills the vectors, and times them fused.
    /// <paramref name="slack"/> is how far above the SQLite goals the database may be (PostgreSQL: 2×).</summary>
    private static async Task MeasureAsync(Report report, string database, Corpus corpus, IReadOnlyList<string> questions, double slack,
        Func<bool, Task<StrataServices>> open, CancellationToken cancellationToken, Func<Task>? settle = null)
    {
        var services = await open(false);
        var user = (await services.Users.CreateAsync("bench", Plans.Enterprise, cancellationToken)).UserId;
        var seeding = Stopwatch.StartNew();
        await SeedAsync(services, user, corpus, cancellationToken);
        if (settle is not null) await settle();
        Console.Error.WriteLine($"{database}: seeded user {user} in {seeding.Elapsed.TotalSeconds:0} s");
        report.Figure($"{database}_seed_s", seeding.Elapsed.TotalSeconds, $"{database}: seeding (import messages, documents, ingest_structured, index)", "s",
            $"{corpus.Size:N0} of each kind");

        var plain = await TimeRoundsAsync(report, services, user, questions, $"{database}_plain", cancellationToken);
        report.Goal($"{database}_plain_p95_ms", plain, $"{database}: recall p95, no embedder (median of {Rounds} rounds)", "ms", GoalPlainP95Ms * slack,
            higherIsBetter: false);

        var embedded = await open(true);
        var backfilling = Stopwatch.StartNew();
        await embedded.Store.Jobs.EnqueueAsync(EmbeddingBackfillJobHandler.Request(user, Model, "bench"), cancellationToken);
        await embedded.Jobs.DrainAsync("recall-latency", cancellationToken);
        report.Figure($"{database}_backfill_s", backfilling.Elapsed.TotalSeconds, $"{database}: embedding backfill of every unit", "s");
        // The fused figures mean something only over every unit's vector: a backfill that stopped early (its job failed and
        // waits for its retry) would leave the vector signal searching a few thousand and the answers partial.
        await using (var read = await embedded.Store.OpenReadAsync(user, cancellationToken))
        {
            var units = (await read.Recall.StatisticsAsync(cancellationToken)).Units;
            var vectors = (await read.Recall.VectorCountsAsync(cancellationToken)).GetValueOrDefault(Model).Vectors;
            report.Json[$"{database}_vectors"] = vectors;
            if (vectors < units) report.Failures.Add($"{database}: the backfill left {units - vectors:N0} of {units:N0} units without a vector");
        }
        // The vector signal reads every vector of the user per question (an exact scan): a fifth of the questions keeps the
        // full-size run within minutes.
        var fused = await TimeRoundsAsync(report, embedded, user, questions.Take(Math.Max(10, questions.Count / 5)).ToList(), $"{database}_fused",
            cancellationToken);
        report.Goal($"{database}_fused_p95_ms", fused, $"{database}: recall p95, fused with 384-dim vectors (median of {Rounds} rounds)", "ms",
            GoalFusedP95Ms * slack, higherIsBetter: false);
    }

    /// <summary>The most warm-up passes: enough for the tiered JIT to settle at this size (three to six passes measured).</summary>
    private const int MaxWarmUpPasses = 20;

    /// <summary>A pass that compiled no more methods than this is taken as the JIT settled.</summary>
    private const int SettledMethods = 20;

    /// <summary>Asks <paramref name="warmUp"/> in passes until a pass compiles (almost) no method, at most
    /// <see cref="MaxWarmUpPasses"/>; returns the passes. A fixed single pass left the tiered JIT compiling 4,400 methods
    /// (3.2 s of CPU on the 2 cores) in the first timed round and 1,100 in the second (stop 58): the rounds measured the
    /// JIT, not the store.</summary>
    private static async Task<int> WarmUpAsync(StrataServices services, string user, IReadOnlyList<string> warmUp, CancellationToken cancellationToken)
    {
        for (var pass = 1; ; pass++)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            foreach (var question in warmUp) await services.Recall.RecallAsync(user, Ask(question), cancellationToken);
            if (JitInfo.GetCompiledMethodCount() - compiled <= SettledMethods || pass == MaxWarmUpPasses) return pass;
        }
    }

    /// <summary>Warms up on a fifth of the questions until the JIT has settled (<see cref="WarmUpAsync"/>), then asks them
    /// all <see cref="Rounds"/> times; returns the median round's p95 and reports p50 and p95 with their min–max, and the
    /// JIT's compiling during the rounds.</summary>
    private static async Task<double> TimeRoundsAsync(Report report, StrataServices services, string user, IReadOnlyList<string> questions, string name,
        CancellationToken cancellationToken)
    {
        var passes = await WarmUpAsync(services, user, questions.Take(Math.Max(1, questions.Count / 5)).ToList(), cancellationToken);
        var (jitBefore, jittedBefore) = (JitInfo.GetCompilationTime(), JitInfo.GetCompiledMethodCount());
        var rounds = new List<LatencySummary>();
        var cpu = new List<double>();
        var allocated = new List<double>();
        var partial = 0;
        var empty = 0;
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var round = 0; round < Rounds; round++)
        {
            var latencies = new Latencies(questions.Count);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            foreach (var question in questions)
            {
                var answer = await latencies.TimeAsync(() => services.Recall.RecallAsync(user, Ask(question), cancellationToken));
                if (answer.Partial) partial++;
                foreach (var reason in answer.PartialReasons) reasons[Shape(reason)] = reasons.GetValueOrDefault(Shape(reason)) + 1;
                if (answer.Results.Count == 0) empty++;
            }
            rounds.Add(latencies.Summarize());
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / questions.Count);
            allocated.Add((GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / 1024.0 / questions.Count);
        }
        // The rounds measure a process that has run a while (a server's steady state), not one still compiling its code:
        // were the JIT busy during them, this says how much.
        report.Figure(name + "_jit_ms", (JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds, $"{name.Replace('_', ' ')}: JIT compiling during the rounds",
            "ms", $"{JitInfo.GetCompiledMethodCount() - jittedBefore} methods; after {passes} warm-up pass(es)");
        var p50 = rounds.Select(r => r.P50Ms).Order().ToList();
        var p95 = rounds.Select(r => r.P95Ms).Order().ToList();
        report.Figure(name + "_p50_ms", p50[Rounds / 2], $"{name.Replace('_', ' ')} p50 (median of {Rounds})", "ms", $"min {p50[0]:0.0} - max {p50[^1]:0.0}");
        report.Figure(name + "_p95_ms", p95[Rounds / 2], $"{name.Replace('_', ' ')} p95 (median of {Rounds})", "ms",
            $"min {p95[0]:0.0} - max {p95[^1]:0.0}; {partial} partial and {empty} empty answers of {Rounds * questions.Count}");
        // What a question costs on a core of its own, which a wall clock on a shared machine cannot say: this process's CPU
        // (Strata, SQLite, and for fused the in-process fake embedder answering the question's embedding; not PostgreSQL's server).
        cpu.Sort();
        report.Figure(name + "_cpu_ms", cpu[Rounds / 2], $"{name.Replace('_', ' ')}: process CPU per question (median of {Rounds})", "ms",
            $"min {cpu[0]:0.00} - max {cpu[^1]:0.00}");
        // What a question allocates (every thread of the process): the garbage collector's share of the CPU follows it, and
        // unlike a time it does not move with the machine's load.
        allocated.Sort();
        report.Figure(name + "_allocated_kib", allocated[Rounds / 2], $"{name.Replace('_', ' ')}: KiB allocated per question (median of {Rounds})", "KiB",
            $"min {allocated[0]:0} - max {allocated[^1]:0}");
        // A question drawn from the stored words that finds nothing means the seeding or the index failed, not a slow store.
        if (empty > 0) report.Failures.Add($"{name}: {empty} of {Rounds * questions.Count} answers were empty");
        // Long runs say what they have measured as they go (the table comes at the end).
        Console.Error.WriteLine($"{name}: p50 {p50[Rounds / 2]:0.0} ms, p95 {p95[Rounds / 2]:0.0} ms (min {p95[0]:0.0} - max {p95[^1]:0.0}), "
            + $"CPU {cpu[Rounds / 2]:0.00} ms a question, {allocated[Rounds / 2]:0} KiB allocated a question, load {Load()}");
        // Why answers were partial, commonest first (digits and quoted words folded), so a signal left out is seen.
        foreach (var (reason, count) in reasons.OrderByDescending(r => r.Value).Take(3))
        {
            Console.Error.WriteLine($"{name}: {count} answers partial: {reason}");
        }
        return p95[Rounds / 2];
    }

    private static string Shape(string reason) =>
        System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(reason, "'[^']*'", "'…'"), "[0-9][0-9,]*", "N");

    /// <summary>Messages through import messages (200 a conversation), blocks as Markdown paragraphs (1,000 a document),
    /// entities through ingest_structured (500 a call); then every job drained, so the index is whole.</summary>
    private static async Task SeedAsync(StrataServices services, string user, Corpus corpus, CancellationToken cancellationToken)
    {
        var messages = new MemoryStream();
        await using (var writer = new StreamWriter(messages, new UTF8Encoding(false), leaveOpen: true))
        {
            for (var i = 0; i < corpus.Size; i++)
            {
                var line = JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["conversation_id"] = $"c{i / 200}", ["conversation_title"] = corpus.Words(i / 200 * 7 + 1, 4), ["message_id"] = $"m{i}",
                    ["speaker"] = corpus.Speaker(i), ["time"] = corpus.Time(i).ToString("O", CultureInfo.InvariantCulture), ["text"] = corpus.Message(i),
                });
                await writer.WriteLineAsync(line);
            }
        }
        messages.Position = 0;
        await services.ChatImports.ImportAsync(user, new ChatImportRequest(messages, ChatProviders.Messages, "bench.jsonl", FullPass: false), null, cancellationToken);

        await services.Projects.CreateAsync(user, Project, cancellationToken);
        const int blocksPerDocument = 1_000;
        for (var first = 0; first < corpus.Size; first += blocksPerDocument)
        {
            var text = new StringBuilder();
            text.Append("# ").Append(corpus.Words(first + 3, 5)).Append("\n\n");
            for (var i = first; i < Math.Min(corpus.Size, first + blocksPerDocument); i++)
            {
                text.Append(corpus.Block(i)).Append("\n\n");
            }
            await services.Documents.AddFileAsync(user, Project, new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())),
                $"doc-{first / blocksPerDocument:D4}.md", null, false, cancellationToken);
        }

        const int entitiesPerCall = 500;
        for (var first = 0; first < corpus.Size; first += entitiesPerCall)
        {
            var batch = new List<JsonElement>();
            for (var i = first; i < Math.Min(corpus.Size, first + entitiesPerCall); i++)
            {
                batch.Add(JsonSerializer.SerializeToElement(new Dictionary<string, string>
                {
                    ["entity_type"] = "contact", ["name"] = corpus.Name(i), ["company"] = corpus.Words(2_000_000 + i, 2),
                    ["notes"] = corpus.Notes(i),
                }));
            }
            await services.Structured.StoreAsync(user, new StoreRequest(batch), cancellationToken);
        }
        await services.Jobs.DrainAsync("recall-latency", cancellationToken);
    }

    private static StrataServices OpenSqlite(string folder, IEmbedder? embedder) =>
        EmbeddedStrata.Open(folder, [new RulesInterpreter()], TimeProvider.System, new EmbeddedSettings
        {
            Documents = Strata.Formats.Documents.DocumentConverters.Default,
            ChatExports = new Strata.Formats.Chat.Import.ChatExports(),
            Embedder = embedder,
        });

    /// <summary>The planner's statistics brought up to date after seeding, as autovacuum would soon after so many rows on a
    /// served database (the test servers run with it off): without them the first questions are planned for empty
    /// tables.</summary>
    private static async Task AnalyzeAsync(string url, CancellationToken cancellationToken)
    {
        await using var connection = new Npgsql.NpgsqlConnection(PostgresConnectionString.From(url));
        await connection.OpenAsync(cancellationToken);
        await using var analyze = new Npgsql.NpgsqlCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The same services over PostgreSQL, with the blobs in a folder of the workspace.</summary>
    private static async Task<StrataServices> OpenPostgresAsync(string url, string folder, IEmbedder? embedder, CancellationToken cancellationToken)
    {
        var store = await PostgresStrataStore.OpenAsync(url, TimeProvider.System, cancellationToken);
        var options = new StrataOptions { SpoolDirectory = Path.Combine(folder, "spool") };
        return new StrataServices(store, new FileBlobStore(folder), [new RulesInterpreter()], options, TimeProvider.System,
            documents: Strata.Formats.Documents.DocumentConverters.Default, chatExports: new Strata.Formats.Chat.Import.ChatExports(), embedder: embedder);
    }

    /// <summary>The fake server's OpenAI-compatible embedder as both recall benches configure it: 64 texts a call.</summary>
    internal static IEmbedder Embedder(Uri baseUrl, string model = Model)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Embeddings:Provider"] = "openai-compatible",
            ["Embeddings:BaseUrl"] = baseUrl.ToString(),
            ["Embeddings:Model"] = model,
            ["Embeddings:BatchSize"] = "64",
        }).Build();
        return EmbedderFactory.Create(configuration, TimeProvider.System, NullLoggerFactory.Instance)!;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "";

    /// <summary>
    /// Deterministic text made of real sentences: the sentences of the chat turns of bench/recall-dev (LongMemEval's
    /// sample, MIT; 1,668 turns), recombined — a message is one or two of them, a block two or three, an entity's notes
    /// the start of one — so words keep the frequencies of real conversation (a synthetic vocabulary drawn with a skew made
    /// its commonest words far commoner than content words are once stop words are out). Names are drawn from the
    /// capitalised words of the same turns. Item <c>i</c>'s text is the same on every run and database.
    /// </summary>
    private sealed class Corpus
    {
        private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
        private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        private readonly string[] _sentences;
        private readonly string[] _names;

        public Corpus(int size)
        {
            Size = size;
            var sentences = new List<string>();
            foreach (var line in File.ReadLines(Path.Combine(RecallEvalData.Folder(), "messages.jsonl")))
            {
                using var message = JsonDocument.Parse(line);
                var text = message.RootElement.GetProperty("text").GetString() ?? "";
                foreach (var sentence in text.Split(['.', '!', '?', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var plain = sentence.Replace("*", "", StringComparison.Ordinal).Replace("#", "", StringComparison.Ordinal).Trim();
                    if (plain.Split(' ').Length >= 4 && plain.Length <= 300) sentences.Add(plain + ".");
                }
            }
            _sentences = sentences.Distinct(StringComparer.Ordinal).ToArray();
            _names = _sentences.SelectMany(t => t.Split(' ')).Where(w => w.Length > 3 && char.IsUpper(w[0]) && w.All(char.IsLetter))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        }

        public int Size { get; }

        /// <summary>Item <paramref name="item"/>'s text: <paramref name="sentences"/> sentences drawn by the item's seed.</summary>
        public string Sentence(int item, int sentences)
        {
            var random = new Random(item);
            return string.Join(' ', Enumerable.Range(0, sentences).Select(_ => _sentences[random.Next(_sentences.Length)]));
        }

        /// <summary>The first <paramref name="words"/> words of one drawn sentence (titles, notes, companies).</summary>
        public string Words(int item, int words) => string.Join(' ', Sentence(item, 1).TrimEnd('.').Split(' ').Take(words));

        /// <summary>A first and a last name, distinct for every item below the names' count squared (2.5 million): the
        /// last name moves on by one each time the first names come round, so no two contacts share a name and
        /// identity (a contact with no email or phone is its name) keeps every one apart — 100,000 contacts are
        /// 100,000 entities, not the ~1,580 a repeating pair gave.</summary>
        public string Name(int item) =>
            $"{_names[item % _names.Length]} {_names[(int)(((long)item * 7919 + item / _names.Length) % _names.Length)]}";

        public string Speaker(int item) => item % 2 == 0 ? "user" : _names[item / 200 % _names.Length];

        /// <summary>Two years of messages, in order: one every ~10 minutes at full size.</summary>
        public DateTimeOffset Time(int item) => Start.AddMinutes(item * (2.0 * 365 * 24 * 60 / Math.Max(Size, 1)));

        /// <summary>Questions of three to five words of one stored text (a message, a block, or an entity's notes and name),
        /// as a person half-remembers it, stop words left out (a question of stop words alone rightly finds nothing), a
        /// quarter naming the month of a message.</summary>
        public IReadOnlyList<string> Questions(int count)
        {
            var random = new Random(2027);
            var questions = new List<string>(count);
            for (var q = 0; q < count; q++)
            {
                var item = random.Next(Size);
                var source = (q % 3) switch
                {
                    0 => Message(item),
                    1 => Block(item),
                    _ => Notes(item) + " " + Name(item),
                };
                var words = source.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('.', ',', ':', ';', '(', ')', '"'))
                    .Where(w => w.Length > 3 && !RecallTerms.StopWords.Contains(w.ToLowerInvariant())).Distinct(StringComparer.Ordinal).OrderBy(_ => random.Next()).Take(random.Next(3, 6));
                var question = "what about " + string.Join(' ', words);
                if (q % 4 == 0)
                {
                    var time = Time(item);
                    question += $" in {Months[time.Month - 1]} {time.Year}";
                }
                questions.Add(question);
            }
            return questions;
        }

        public string Message(int item) => Sentence(item, 1 + item % 2);

        public string Block(int item) => Sentence(1_000_000 + item, 2 + item % 2);

        public string Notes(int item) => Words(3_000_000 + item, 8);
    }
}
