using Strata.Core.Errors;
using Strata.Core.Storage;

namespace Strata.Core.Recall;

/// <summary>
/// recall(question): ranked evidence from every layer, fused, with provenance, and a context string within a token
/// budget. Reads only (one read session: a snapshot of the user's data), only the caller's data, bounded per query
/// (postings per term and per query, candidates per signal, a time limit), and every bound that cut the search short is
/// in <see cref="RecallAnswer.PartialReasons"/>.
/// </summary>
public sealed class RecallService(IStrataStore store, RecallOptions options, IReadOnlyList<IRecallLayer> layers, TimeProvider clock, Metrics.StrataMetrics? metrics = null)
{
    public const int MaxQueryLength = 2000;
    public const int DefaultK = 10;
    public const int MaxK = 100;
    public const int DefaultTokenBudget = 2000;

    public static IReadOnlyList<IRecallLayer> DefaultLayers { get; } = [new TextRecallLayer(RecallSynonyms.WordNet), new EntityRecallLayer(), new RelationRecallLayer(), new ObservationRecallLayer()];

    /// <summary>The default layers, and with an embedding provider the vector signal over messages and blocks (from
    /// <paramref name="vectors"/>, the process's vectors in memory, when given; else scanned from the database).</summary>
    public static IReadOnlyList<IRecallLayer> Layers(Embeddings.IEmbedder? embedder, Jobs.IJobQueue jobs, Embeddings.VectorMatrixCache? vectors = null)
    {
        // The text layer with the queue: a question that finds documents not indexed yet queues their backfill.
        IReadOnlyList<IRecallLayer> layers = [new TextRecallLayer(RecallSynonyms.WordNet, jobs), .. DefaultLayers.Skip(1)];
        return embedder is null ? layers : [.. layers, new Embeddings.VectorRecallLayer(embedder, jobs, vectors)];
    }

    public async Task<RecallAnswer> RecallAsync(string userId, RecallRequest request, CancellationToken cancellationToken)
    {
        var question = request.Query?.Trim() ?? "";
        if (question.Length == 0) throw StrataException.Validation("query is required: the question to recall evidence for.");
        if (question.Length > MaxQueryLength) throw StrataException.Validation($"query must be at most {MaxQueryLength} characters.");
        var k = request.K ?? DefaultK;
        if (k is < 1 or > MaxK) throw StrataException.Validation($"k must be between 1 and {MaxK}.");
        var budget = request.TokenBudget ?? DefaultTokenBudget;
        if (budget is < 50 or > 100_000) throw StrataException.Validation("token_budget must be between 50 and 100000.");
        var kinds = Kinds(request.Kinds);
        if (request.From is { } f && request.To is { } t && f >= t) throw StrataException.Validation("from must be before to.");

        var started = clock.GetTimestamp();
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var projectId = request.Project is { Length: > 0 } project ? await ProjectIdAsync(session, project, cancellationToken) : null;
        var to = request.AsOf is { } asOf && (request.To is null || asOf < request.To) ? asOf : request.To;
        var filter = new RecallFilter(kinds.Contains(RecallKinds.Message), kinds.Contains(RecallKinds.Block) && request.From is null && to is null,
            request.From?.ToUnixTimeSeconds(), to?.ToUnixTimeSeconds(), projectId);
        var terms = RecallTerms.Of(question).Distinct(StringComparer.Ordinal).ToList();
        var query = new RecallQuery(question, terms.Take(options.MaxQueryTerms).ToList(), kinds, filter,
            RecallTime.Read(question, request.AsOf ?? clock.GetUtcNow()), options, () => clock.GetElapsedTime(started) > options.TimeLimit)
        {
            UserId = userId,
            At = request.AsOf ?? clock.GetUtcNow(),
            AsOf = request.AsOf,
        };
        if (terms.Count > options.MaxQueryTerms) query.Partial($"Only the first {options.MaxQueryTerms} words of the question were searched.");
        if (kinds.Contains(RecallKinds.Block) && !filter.Blocks)
        {
            query.Partial("Blocks have no time: a from, to or as_of window leaves them out.");
        }

        var asked = layers.Where(l => l.Kinds.Any(kinds.Contains)).ToList();
        if (projectId is not null) asked = asked.Where(l => l is not EntityRecallLayer and not RelationRecallLayer and not ObservationRecallLayer).ToList();
        var lists = new List<RankedList>();
        foreach (var layer in asked) lists.AddRange(await layer.SearchAsync(query, session, cancellationToken));
        var fused = RecallFusion.Fuse(lists, options.Weights, options.RrfK);

        // Hydrate more than k: a key may be a neighbour past a conversation's end, or of a kind not asked for.
        var results = new List<RecallResult>(k);
        for (var offset = 0; offset < fused.Count && results.Count < k; offset += 2 * k)
        {
            var window = fused.Skip(offset).Take(2 * k).ToList();
            var found = new Dictionary<string, RecallResult>(StringComparer.Ordinal);
            foreach (var layer in asked)
            {
                foreach (var (key, result) in await layer.ResultsAsync(query, session, window.Select(w => w.Key).ToList(), cancellationToken)) found[key] = result;
            }
            foreach (var candidate in window)
            {
                if (results.Count == k) break;
                if (found.TryGetValue(candidate.Key, out var result))
                {
                    results.Add(result with { Score = Math.Round(candidate.Score, 6), Scores = candidate.Scores });
                }
            }
        }
        var (context, tokens) = RecallContextText.Of(results, budget);
        metrics?.RecallQueries.Inc();
        return new RecallAnswer(question, results, context, tokens, query.PartialReasons.Count > 0, query.PartialReasons, query.Window,
            lists.GroupBy(l => l.Signal).ToDictionary(g => g.Key, g => g.Sum(l => l.Items.Count), StringComparer.Ordinal));
    }

    private static HashSet<string> Kinds(IReadOnlyList<string>? requested)
    {
        if (requested is null || requested.Count == 0) return new HashSet<string>(RecallKinds.Default, StringComparer.Ordinal);
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kind in requested.Select(r => r.Trim().ToLowerInvariant()))
        {
            if (!RecallKinds.All.Contains(kind))
            {
                throw StrataException.Validation($"kinds: '{kind}' is not one of {string.Join(", ", RecallKinds.All)}.");
            }
            kinds.Add(kind);
        }
        return kinds;
    }

    private static async Task<string> ProjectIdAsync(IStoreReader session, string project, CancellationToken cancellationToken) =>
        (await session.Projects.GetAsync(project, cancellationToken) ?? await session.Projects.FindByNameAsync(project, cancellationToken))?.Id
            ?? throw new StrataException(ErrorCodes.ProjectNotFound, $"No project {project}.");
}
