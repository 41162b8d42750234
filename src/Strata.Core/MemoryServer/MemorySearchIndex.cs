using System.Text;
using Strata.Core.Storage;

namespace Strata.Core.MemoryServer;

/// <summary>
/// What <c>search_nodes</c> reads of every <c>memory_entity</c> (<see cref="MemoryRow"/>: id, text, kept state, name) and of
/// every observation of the profile's relations (<see cref="MemoryRelationRow"/>), kept in memory per user (one index per
/// <see cref="StrataServices"/>, which is one per process), so a search chooses its candidates and finds their relations
/// without reading and decoding one row per entity of the graph (most of a search: about 3 of 9 ms at 2,000 entities).
/// Never stale, across processes too: the rows are used only for the generation the search's own read transaction reads
/// (migration 0370: it changes in the transaction of every insert, delete or update of such a row's text, state, name,
/// merge, type or user, and of every profile relation's observation, whatever path writes it). The first search of a new
/// generation answers by the statements, as before; the next one at the same generation (nothing written since) reads
/// the rows in its own read transaction and keeps them. Relations are kept as all their observations, so whether one
/// holds is decided at each search's own time, as the database decides it. Bounded by <see cref="CapacityBytes"/>
/// (<c>MemoryServer:SearchCacheBytes</c>): the least recently searched users are dropped to make room, and a user whose
/// rows alone are more than the bound is not kept (searched by the statements, the rows read only once per generation to
/// learn that). Two searches that read the rows at once both read them; the last read is kept.
/// </summary>
public sealed class MemorySearchIndex(long capacityBytes)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Held> _held = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _recency = []; // least recently searched first
    private long _accounted;

    public long CapacityBytes => capacityBytes;

    /// <summary>Bytes held (estimated as <see cref="MemoryRow.EstimatedBytes"/>): never above <see cref="CapacityBytes"/>.</summary>
    public long AccountedBytes
    {
        get { lock (_gate) return _accounted; }
    }

    /// <summary>The user's rows as <paramref name="session"/> reads them, from memory when held at the generation it reads.
    /// Null when the caller should answer by the statements, as before the rows were kept: the first search of a generation
    /// (a graph being written to between searches would make every search read every row again, which costs more than the
    /// statements: 115 against 30 ms at 10,000 entities), and a user whose rows are more than the whole bound. The second
    /// search of one generation (nothing written since the last search) reads them in its own read transaction and keeps
    /// them when they fit.</summary>
    public async Task<MemoryIndexRows?> RowsAsync(IStoreReader session, CancellationToken cancellationToken)
    {
        // Read first: rows read after it are at least as new as it says, so rows kept under it are never older than it.
        var generation = await session.Entities.MemoryGenerationAsync(cancellationToken);
        lock (_gate)
        {
            _held.TryGetValue(session.UserId, out var held);
            if (held is not null && held.Generation == generation)
            {
                _recency.Remove(held.Node);
                _recency.AddLast(held.Node);
                if (held.Rows is not null || held.TooBig) return held.Rows;
                // Seen once at this generation and nothing written since: read the rows now.
            }
            else
            {
                if (held is not null) Drop(held);
                Keep(new Held(generation, null, false, new LinkedListNode<string>(session.UserId)));
                return null;
            }
        }
        var read = await session.Entities.ListMemoryRowsAsync(capacityBytes, cancellationToken);
        var relations = read is null ? null
            : await session.Relations.ListOfTypePrefixAsync(MemoryGraphState.RelationPrefix, capacityBytes - read.Sum(r => r.EstimatedBytes), cancellationToken);
        var rows = read is null || relations is null ? null : MemoryIndexRows.Of(read, relations);
        lock (_gate)
        {
            if (_held.TryGetValue(session.UserId, out var held)) Drop(held); // the rows just read replace any kept
            var bytes = rows?.Bytes ?? 0;
            // Too many rows: remembered (as nothing) for this generation, so later searches scan without reading them first.
            Keep(MakeRoom(bytes) && rows is not null
                ? new Held(generation, rows, false, new LinkedListNode<string>(session.UserId))
                : new Held(generation, null, true, new LinkedListNode<string>(session.UserId)));
        }
        return rows;
    }

    /// <summary>Users remembered at most (most hold no rows, only the generation last seen): the least recently searched go.</summary>
    private const int MaxUsers = 10_000;

    private void Keep(Held held)
    {
        _held[held.Node.Value] = held;
        _recency.AddLast(held.Node);
        _accounted += held.Rows?.Bytes ?? 0;
        while (_held.Count > MaxUsers && _recency.First is { } oldest) Drop(_held[oldest.Value]);
    }

    private bool MakeRoom(long bytes)
    {
        if (bytes > capacityBytes) return false;
        while (_accounted + bytes > capacityBytes && _recency.First is { } oldest) Drop(_held[oldest.Value]);
        return _accounted + bytes <= capacityBytes;
    }

    private void Drop(Held held)
    {
        _accounted -= held.Rows?.Bytes ?? 0;
        _recency.Remove(held.Node);
        _held.Remove(held.Node.Value);
    }

    private sealed record Held(long Generation, MemoryIndexRows? Rows, bool TooBig, LinkedListNode<string> Node);
}

/// <summary>A user's <see cref="MemoryRow"/>s as <see cref="MemorySearchIndex"/> keeps them: an ASCII text (most are)
/// lower-cased once, so a search compares it as it is (<see cref="MemorySearch.MayMatchLowerAscii"/>).</summary>
public sealed class MemoryIndexRows
{
    private readonly string[] _ids;
    private readonly string?[] _texts;
    private readonly bool[] _lowerAscii;
    private readonly string?[] _states;
    private readonly IReadOnlyList<MemoryEntity>?[] _parsed;
    private readonly string?[] _names;
    private readonly Dictionary<string, int> _byId;

    private MemoryIndexRows(int count)
    {
        _byId = new Dictionary<string, int>(count, StringComparer.Ordinal);
        _names = new string?[count];
        _ids = new string[count];
        _texts = new string?[count];
        _lowerAscii = new bool[count];
        _states = new string?[count];
        _parsed = new IReadOnlyList<MemoryEntity>?[count];
        _words = new int[count][];
    }

    public int Count => _ids.Length;

    public long Bytes { get; private init; }

    public static MemoryIndexRows Of(IReadOnlyList<MemoryRow> rows, IReadOnlyList<MemoryRelationRow> relations)
    {
        var kept = new MemoryIndexRows(rows.Count)
        {
            // With the id's entry in the lookup by id, the text's words as numbers and the state once parsed (about 40, 60
            // and 100 bytes more a row), and each relation's entries by its ends.
            Bytes = rows.Sum(r => r.EstimatedBytes + 200) + relations.Sum(r => r.EstimatedBytes + 80),
            _relations = relations.ToArray(),
        };
        // Each relation's observations are read together, in rank order: its first row starts it.
        for (var i = 0; i < kept._relations.Length; i++)
        {
            var row = kept._relations[i];
            if (i > 0 && SameRelation(kept._relations[i - 1], row)) continue;
            Touch(kept._touching, row.FromEntityId, i);
            if (row.ToEntityId != row.FromEntityId) Touch(kept._touching, row.ToEntityId, i);
        }
        for (var i = 0; i < rows.Count; i++)
        {
            var text = rows[i].Text;
            kept._ids[i] = rows[i].EntityId;
            kept._states[i] = rows[i].State;
            kept._names[i] = rows[i].Name;
            kept._byId[rows[i].EntityId] = i;
            if (text is not null && Ascii.IsValid(text))
            {
                var lower = string.Create(text.Length, text, (chars, source) => Ascii.ToLower(source, chars, out _));
                kept._texts[i] = lower;
                kept._lowerAscii[i] = true;
                kept._words[i] = kept.WordIds(lower);
            }
            else
            {
                kept._texts[i] = text;
                kept._words[i] = [];
            }
        }
        return kept;
    }

    private MemoryRelationRow[] _relations = [];

    /// <summary>Per entity id, the first row of each relation with an end there.</summary>
    private readonly Dictionary<string, List<int>> _touching = new(StringComparer.Ordinal);

    private static bool SameRelation(MemoryRelationRow a, MemoryRelationRow b) =>
        a.FromEntityId == b.FromEntityId && a.RelationType == b.RelationType && a.ToEntityId == b.ToEntityId;

    private static void Touch(Dictionary<string, List<int>> touching, string entityId, int first)
    {
        if (!touching.TryGetValue(entityId, out var list)) touching[entityId] = list = [];
        list.Add(first);
    }

    /// <summary>The profile relations touching any of <paramref name="entityIds"/> that hold at <paramref name="at"/>, as
    /// the database reads them (<see cref="Relations.IRelationReader.HoldingWithEndNamesAsync"/>): per relation the first observation (in
    /// rank order) in effect by then decides, and it holds when it asserts and its validity covers the time.</summary>
    public List<(string FromEntityId, string RelationType, string ToEntityId)> HoldingTouching(IEnumerable<string> entityIds, DateTimeOffset at)
    {
        var seen = new HashSet<int>();
        var held = new List<(string, string, string)>();
        foreach (var id in entityIds)
        {
            if (!_touching.TryGetValue(id, out var firsts)) continue;
            foreach (var first in firsts)
            {
                if (!seen.Add(first)) continue;
                for (var i = first; i < _relations.Length && (i == first || SameRelation(_relations[first], _relations[i])); i++)
                {
                    var row = _relations[i];
                    if (row.EffectiveAt > at) continue;
                    if (row.Asserts && (row.ValidFrom is null || row.ValidFrom <= at) && (row.ValidTo is null || row.ValidTo > at))
                    {
                        held.Add((row.FromEntityId, row.RelationType, row.ToEntityId));
                    }
                    break;
                }
            }
        }
        return held;
    }

    /// <summary>The kept name (<c>memory_name</c>) of the entity <paramref name="entityId"/>: null when it is not among these
    /// rows (merged, another type, none of the user's) or keeps no name.</summary>
    public string? NameOf(string entityId) => _byId.TryGetValue(entityId, out var i) ? _names[i] : null;

    /// <summary>Each ASCII text's words (the runs of letters and digits <see cref="MemorySearch"/> compares), as indexes into
    /// <see cref="_vocabulary"/>, each once: a search compares a query word with each distinct word of the graph once, not
    /// with every word of every text.</summary>
    private readonly int[][] _words;

    private readonly Dictionary<string, int> _vocabularyIds = new(StringComparer.Ordinal);
    private readonly List<string> _vocabulary = [];

    private int[] WordIds(string lower)
    {
        var lookup = _vocabularyIds.GetAlternateLookup<ReadOnlySpan<char>>();
        var ids = new List<int>();
        var start = -1;
        for (var i = 0; i <= lower.Length; i++)
        {
            if (i < lower.Length && char.IsAsciiLetterOrDigit(lower[i]))
            {
                if (start < 0) start = i;
                continue;
            }
            if (start >= 0)
            {
                var word = lower.AsSpan(start, i - start);
                if (!lookup.TryGetValue(word, out var id))
                {
                    var kept = word.ToString();
                    _vocabularyIds[kept] = id = _vocabulary.Count;
                    _vocabulary.Add(kept);
                }
                if (!ids.Contains(id)) ids.Add(id);
            }
            start = -1;
        }
        return [.. ids];
    }

    /// <summary>The rows whose text <paramref name="search"/> may match (<see cref="MemorySearch.MayMatch"/>), with what each
    /// holds now (null where it keeps no state). An ASCII text may match when it holds the query (lower-cased), or when
    /// every query word is near one of its words: which words of the graph are near each query word is decided once.</summary>
    public List<(string EntityId, IReadOnlyList<MemoryEntity>? Held)> Candidates(MemorySearch search)
    {
        var near = search.QueryWords.Select(word => NearWords(search, word)).ToList();
        var chosen = new List<(string, IReadOnlyList<MemoryEntity>?)>();
        for (var i = 0; i < _ids.Length; i++)
        {
            var text = _texts[i];
            var may = text is null
                || (_lowerAscii[i] ? search.ContainsLowerAscii(text) || (near.Count > 0 && near.All(words => HoldsAny(_words[i], words))) : search.MayMatch(text));
            if (may) chosen.Add((_ids[i], HeldBy(i)));
        }
        return chosen;
    }

    /// <summary>What row <paramref name="i"/> holds now, parsed from its kept state by the first search that chooses it and
    /// kept (two searches at once may both parse it; either result is the same).</summary>
    private IReadOnlyList<MemoryEntity>? HeldBy(int i)
    {
        if (_parsed[i] is { } parsed) return parsed;
        if (_states[i] is not { } json) return null;
        return _parsed[i] = MemoryEntityState.Held(json);
    }

    private bool[] NearWords(MemorySearch search, string word)
    {
        var near = new bool[_vocabulary.Count];
        for (var i = 0; i < near.Length; i++) near[i] = MemorySearch.Near(word, _vocabulary[i]);
        return near;
    }

    private static bool HoldsAny(int[] words, bool[] near)
    {
        foreach (var word in words)
        {
            if (near[word]) return true;
        }
        return false;
    }
}
