namespace Strata.Core.Recall;

/// <summary>A question as the layers read it: its terms, what is asked for, the window it names, and a place to say
/// what was not searched or was cut short.</summary>
public sealed class RecallQuery(string text, IReadOnlyList<string> terms, IReadOnlySet<string> kinds, RecallFilter filter,
    RecallTimeWindow? window, RecallOptions options, Func<bool> overTime)
{
    /// <summary>What was said, with the stage that said it (<see cref="EnterStage"/>).</summary>
    private readonly List<(int Stage, string Reason)> _partial = [];

    private static readonly AsyncLocal<int> Stage = new();

    public string Text { get; } = text;

    /// <summary>The caller: a layer that asks for background work (the vector backfill) enqueues it for this user.</summary>
    public string? UserId { get; init; }

    /// <summary>Distinct analysed terms of the question (stemmed, stop words out), at most the configured number.</summary>
    public IReadOnlyList<string> Terms { get; } = terms;

    /// <summary>The terms among <see cref="Terms"/> that are irregular forms of the word before them ("bought" after
    /// "buy": <see cref="RecallInflections"/>); BM25 scores a word and its forms as one.</summary>
    public IReadOnlySet<string> Inflections { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> Kinds { get; } = kinds;

    public RecallFilter Filter { get; } = filter;

    public RecallTimeWindow? Window { get; } = window;

    /// <summary>The time the question is asked about: its <c>as_of</c>, or now. Layers with validity (relations) read what held then.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The question's <c>as_of</c>, when it gave one.</summary>
    public DateTimeOffset? AsOf { get; init; }

    public RecallOptions Options { get; } = options;

    /// <summary>True once the query has used its time limit: readers stop and say so.</summary>
    public bool OverTime => overTime();

    /// <summary>The reasons in the order of the stages that said them (each once, where first said), so an answer says
    /// them in the same order whether its layers ran one after another or beside each other.</summary>
    public IReadOnlyList<string> PartialReasons
    {
        get
        {
            lock (_partial) return _partial.OrderBy(p => p.Stage).Select(p => p.Reason).Distinct(StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Numbers what this flow says from now on (the code it awaits included): the question's checks before the
    /// layers, each layer in the order the layers are listed, then what comes after them.</summary>
    internal static void EnterStage(int stage) => Stage.Value = 2 * stage;

    /// <summary>What this flow says from now on comes after all that its stage's own flow says: the part of a layer's
    /// search that runs beside the layer (<see cref="IRecallLayer.BesideWork"/>) and would have come last in it.</summary>
    internal static void EnterLaterPart() => Stage.Value |= 1;

    /// <summary>The entities the question's words find (<see cref="EntityRecallLayer.FindAsync"/>), looked up once per
    /// question: the entity layer ranks them and the relation layer starts from them.</summary>
    internal Task<Dictionary<string, double>>? FoundEntities { get; set; }

    /// <summary>The BM25 of the question's synonyms, when it is being scored beside the text layer on a sibling session
    /// (<see cref="TextRecallLayer.BesideWork"/>): its scratch, which the text layer returns; null inside when there was
    /// nothing to score.</summary>
    internal Task<Bm25Scratch?>? Synonyms { get; set; }

    public void Partial(string reason)
    {
        var stage = Stage.Value;
        lock (_partial)
        {
            if (!_partial.Contains((stage, reason))) _partial.Add((stage, reason));
        }
    }
}
