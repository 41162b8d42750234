using System.Diagnostics;
using System.Globalization;
using Strata.Bench.Harness;
using Strata.Core.Imports;
using Strata.Core.Recall;

namespace Strata.Bench.Recall;

/// <summary>
/// recall-eval (issue 27): loads a labelled long-conversation set through import messages (one user per haystack), asks
/// each question through the recall service with kinds [message] and k 50 (as_of the question's date), and reports
/// turn-level recall@5/@10, session-level recall@5 and NDCG@10 — fused, and for each signal alone (the others weighted
/// 0) — with the fused query latency. --quick: the first two haystacks.
/// </summary>
public sealed class RecallEvalBenchmark : IBenchmark
{
    private static readonly string[] Signals = [RecallSignals.Bm25, RecallSignals.Expansion, RecallSignals.Neighbour, RecallSignals.Time, RecallSignals.Recency, RecallSignals.Reply];

    public string Name => "recall-eval";

    public string Description => "recall on labelled long conversations (bench/recall-dev or --recall-data=DIR): turn recall@5/@10, session recall@5, NDCG@10, per signal";

    public async Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var report = new Report(Name, settings.Quick);
        var folder = RecallEvalData.Folder();
        var questions = RecallEvalData.Questions(folder);
        var haystacks = questions.Select(q => q.Haystack).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (settings.Quick) haystacks = haystacks.Take(2).ToList();
        questions = questions.Where(q => haystacks.Contains(q.Haystack)).ToList();
        report.Row("data", folder, $"{haystacks.Count} haystacks, {questions.Count} questions");

        using var workspace = new Workspace("recall-eval");
        var host = await StrataHost.OpenAsync(workspace.Folder("data"), cancellationToken);
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = RecallEvalData.SplitByHaystack(folder, workspace.Folder("haystacks"), haystacks.ToHashSet(StringComparer.Ordinal));
        var importing = Stopwatch.StartNew();
        var messages = 0;
        foreach (var haystack in haystacks)
        {
            var user = users[haystack] = (await host.Services.Users.EnsureAsync("eval-" + haystack, cancellationToken)).Id;
            await using var file = File.OpenRead(files[haystack]);
            var import = await host.Services.ChatImports.ImportAsync(user, new ChatImportRequest(file, ChatProviders.Messages, haystack + ".jsonl", FullPass: false),
                null, cancellationToken);
            messages += import.Counts.Messages;
            await host.Services.Jobs.DrainAsync("recall-eval", cancellationToken);
        }
        report.Row("import messages + conversion + index", $"{importing.Elapsed.TotalSeconds:0.0} s", $"{messages:N0} messages");

        var options = host.Services.Options.Recall;
        var fused = await EvaluateAsync(host, users, questions, options, cancellationToken);
        Add(report, "fused", fused);
        // A developer's aid: STRATA_BENCH_RECALL_RANKS writes each question's fused rank of every evidence turn (0: not in the 50).
        if (Environment.GetEnvironmentVariable("STRATA_BENCH_RECALL_RANKS") is { Length: > 0 } ranks)
        {
            await File.WriteAllLinesAsync(ranks, fused.PerQuestion.Select(p => $"{p.Question.Id}\t{p.Question.Kind}\t{p.Turn10:0.00}\t{p.Session5:0.00}\t{string.Join(',', p.Ranks)}\t{p.Question.Question}"),
                cancellationToken);
        }
        report.Figure("recall_p50_ms", fused.Latency.P50Ms, "fused recall p50", "ms", $"{questions.Count} questions, k 50, SQLite");
        report.Figure("recall_p95_ms", fused.Latency.P95Ms, "fused recall p95", "ms");
        foreach (var signal in Signals)
        {
            var alone = options with { Weights = options.Weights.ToDictionary(w => w.Key, w => w.Key == signal ? 1.0 : 0.0, StringComparer.Ordinal) };
            Add(report, signal + " alone", await EvaluateAsync(host, users, questions, alone, cancellationToken));
        }
        foreach (var kind in questions.Select(q => q.Kind).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var some = fused.PerQuestion.Where(p => p.Question.Kind == kind).ToList();
            report.Row($"fused, {kind} questions", $"turn@10 {some.Average(p => p.Turn10):0.000} · session@5 {some.Average(p => p.Session5):0.000}", $"{some.Count} questions");
        }
        return report;
    }

    private static void Add(Report report, string name, Evaluation e)
    {
        var key = name.Replace(' ', '_');
        report.Figure(key + "_turn_recall_at_5", e.PerQuestion.Average(p => p.Turn5), name + ": turn recall@5", "");
        report.Figure(key + "_turn_recall_at_10", e.PerQuestion.Average(p => p.Turn10), name + ": turn recall@10", "");
        report.Figure(key + "_session_recall_at_5", e.PerQuestion.Average(p => p.Session5), name + ": session recall@5", "");
        report.Figure(key + "_ndcg_at_10", e.PerQuestion.Average(p => p.Ndcg10), name + ": NDCG@10", "");
    }

    private sealed record Scored(RecallEvalQuestion Question, double Turn5, double Turn10, double Session5, double Ndcg10, IReadOnlyList<int> Ranks);

    private sealed record Evaluation(IReadOnlyList<Scored> PerQuestion, LatencySummary Latency);

    private static async Task<Evaluation> EvaluateAsync(StrataHost host, Dictionary<string, string> users, IReadOnlyList<RecallEvalQuestion> questions,
        RecallOptions options, CancellationToken cancellationToken)
    {
        var recall = new RecallService(host.Services.Store, options, RecallService.DefaultLayers, TimeProvider.System);
        var latencies = new Latencies(questions.Count);
        var scored = new List<Scored>(questions.Count);
        foreach (var question in questions)
        {
            var answer = await latencies.TimeAsync(() => recall.RecallAsync(users[question.Haystack],
                new RecallRequest(question.Question, 50, [RecallKinds.Message], AsOf: question.AskedAt), cancellationToken));
            var turns = answer.Results.Select(r => r.Provenance.MessageId ?? "").ToList();
            var sessions = answer.Results.Select(r => r.Provenance.ConversationId ?? "").Distinct(StringComparer.Ordinal).Take(5).ToList();
            var evidence = question.EvidenceMessages.ToHashSet(StringComparer.Ordinal);
            double Share(IEnumerable<string> found, ICollection<string> wanted) => wanted.Count == 0 ? 1 : (double)found.Count(wanted.Contains) / wanted.Count;
            var dcg = turns.Take(10).Select((t, i) => evidence.Contains(t) ? 1 / Math.Log2(i + 2) : 0).Sum();
            var ideal = Enumerable.Range(0, Math.Min(10, evidence.Count)).Sum(i => 1 / Math.Log2(i + 2));
            scored.Add(new Scored(question, Share(turns.Take(5).Distinct(), evidence), Share(turns.Take(10).Distinct(), evidence),
                Share(sessions, question.EvidenceConversations.ToHashSet(StringComparer.Ordinal)), ideal == 0 ? 0 : dcg / ideal,
                question.EvidenceMessages.Select(e => turns.IndexOf(e) + 1).ToList()));
        }
        return new Evaluation(scored, latencies.Summarize());
    }
}
