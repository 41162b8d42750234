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
        RecallQuery.EnterStage(0);
        await using var session = await store.OpenReadAsync(userId, cancellationToken);
        var projectId = request.Project is { Length: > 0 } project ? await ProjectIdAsync(session, project, cancellationToken) : null;
        var to = request.AsOf is { } asOf && (request.To is null || asOf < request.To) ? asOf : request.To;
        var filter = new RecallFilter(kinds.Contains(RecallKinds.Message), kinds.Contains(RecallKinds.Block) && request.From is null && to is null,
            request.From?.ToUnixTimeSeconds(), to?.ToUnixTimeSeconds(), projectId);
        var terms = RecallTerms.Of(question).Distinct(StringComparer.Ordinal).ToList();
        var forms = new HashSet<string>(StringComparer.Ordinal);
        var searched = RecallInflections.WithForms(question, terms, options.MaxQueryTerms, forms);
        var query = new RecallQuery(question, searched, kinds, filter,
            RecallTime.Read(question, request.AsOf ?? clock.GetUtcNow()), options, () => clock.GetElapsedTime(started) > options.TimeLimit)
        {
            UserId = userId,
            At = request.AsOf ?? clock.GetUtcNow(),
            AsOf = request.AsOf,
            Inflections = forms,
        };
        if (terms.Count > options.MaxQueryTerms) query.Partial($"Only the first {options.MaxQueryTerms} words of the question were searched.");
        if (kinds.Contains(RecallKinds.Block) && !filter.Blocks)
        {
            query.Partial("Blocks have no time: a from, to or as_of window leaves them out.");
        }

        var asked = layers.Where(l => l.Kinds.Any(kinds.Contains)).ToList();
        if (projectId is not null) asked = asked.Where(l => l is not EntityRecallLayer and not RelationRecallLayer and not ObservationRecallLayer).ToList();
        var lists = await SearchAsync(asked, query, session, options.SearchThreads, cancellationToken);
        RecallQuery.EnterStage(asked.Count + 1);
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

    /// <summary>Every asked layer's lists, in the layers' order. Where the store opens a second session on the same
    /// snapshot (<see cref="IStoreReader.OpenSiblingAsync"/>: SQLite), the layers of messages and blocks run on this
    /// session while, on the sibling on another thread, first the part of theirs that can run beside them (the text
    /// layer's synonyms: <see cref="IRecallLayer.BesideWork"/>), then the other layers (entities, relations and
    /// observations, which share the entities the question names): on SQLite a layer's reads are the process's own CPU,
    /// so a question takes about as long as its slower half rather than both — while no more questions are searching
    /// than half the cores (then each runs on one thread, as on PostgreSQL), or as <see cref="RecallOptions.SearchThreads"/>
    /// sets. The lists, their order and the reasons said are the same either way.</summary>
    /// <summary>How many questions of this process are searching their layers now.</summary>
    private static int _searching;

    private static async Task<List<RankedList>> SearchAsync(List<IRecallLayer> asked, RecallQuery query, IStoreReader session, int? threads,
        CancellationToken cancellationToken)
    {
        var found = new IReadOnlyList<RankedList>[asked.Count];
        var text = Enumerable.Range(0, asked.Count).Where(i => asked[i].Kinds.Any(k => k is RecallKinds.Message or RecallKinds.Block)).ToList();
        var others = Enumerable.Range(0, asked.Count).Except(text).ToList();
        // A second thread only while the process has a core to spare for it: questions beside each other already keep
        // the cores busy, and two threads of one question do a little more work in all than one.
        var spare = Interlocked.Increment(ref _searching) <= Environment.ProcessorCount / 2;
        if (threads is { } set) spare = set == 2;
        try
        {
            var sibling = spare && text.Count > 0 ? await session.OpenSiblingAsync(cancellationToken) : null;
            await using (sibling)
            {
                // Asked only now that the sibling is open: a layer that hands work beside waits for it.
                var early = sibling is null ? [] : text.Select(i => (Stage: i + 1, Work: asked[i].BesideWork(query, cancellationToken)))
                    .Where(w => w.Work is not null).ToList();
                if (sibling is null || (early.Count == 0 && others.Count == 0))
                {
                    await SearchInOrderAsync(Enumerable.Range(0, asked.Count), session);
                }
                else
                {
                    // Not given the token: the work always starts, so a layer waiting for its part hears how it ended
                    // (cancelled included) rather than waiting for work never started.
                    var beside = Task.Run(async () =>
                    {
                        foreach (var (stage, work) in early)
                        {
                            RecallQuery.EnterStage(stage);
                            await work!(sibling);
                        }
                        await SearchInOrderAsync(others, sibling);
                    }, CancellationToken.None);
                    var here = SearchInOrderAsync(text, session);
                    await Task.WhenAll(beside, here);
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _searching);
        }
        return found.SelectMany(lists => lists).ToList();

        async Task SearchInOrderAsync(IEnumerable<int> layers, IStoreReader reader)
        {
            foreach (var i in layers)
            {
                RecallQuery.EnterStage(i + 1);
                found[i] = await asked[i].SearchAsync(query, reader, cancellationToken);
            }
        }
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
