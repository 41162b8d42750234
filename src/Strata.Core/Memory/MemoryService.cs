using System.Globalization;
using System.Text;
using Strata.Core.Entities;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Core.Memory;

/// <summary>
/// MEMORY.md, rendered from the user's snapshots (never written by a model): sections Profile, Preferences, Projects,
/// People, Important Dates, Beliefs &amp; Values, Decisions &amp; Context. Within each section the most recently updated and
/// most supported (most observations) come first; lines are taken from the sections in turn until the token budget
/// (characters / 4) is spent, so one long section cannot crowd out the others. Every line ends with its entity's id.
/// </summary>
public sealed class MemoryService(IStrataStore store)
{
    public const int DefaultTokenBudget = 4_000;
    public const string EmptySection = "Nothing yet.";

    /// <summary>Entities read per section: the budget is spent long before.</summary>
    private const int PerSection = Paging.MaxLimit;

    public async Task<MemoryDocument> RenderAsync(string userId, int? tokenBudget, CancellationToken cancellationToken)
    {
        var budget = tokenBudget ?? DefaultTokenBudget;
        if (budget is < 100 or > 100_000) throw Errors.StrataException.Validation($"token_budget must be between 100 and 100000 (got {budget}).");
        var candidates = new List<Queue<(Snapshot Snapshot, string Line)>>();
        await using (var session = await store.OpenAsync(userId, write: false, cancellationToken))
        {
            foreach (var section in MemorySections.All)
            {
                var lines = new List<(Snapshot, string)>();
                foreach (var type in section.Types)
                {
                    var page = await session.Entities.QueryAsync(new EntityQuery(type, null, false, new Paging(PerSection)), cancellationToken);
                    lines.AddRange(page.Items.Select(s => (s, section.Line(s))).Where(l => l.Item2 is not null).Select(l => (l.s, l.Item2!)));
                }
                candidates.Add(new Queue<(Snapshot, string)>(lines
                    .OrderByDescending(l => l.Item1.UpdatedAt).ThenByDescending(l => l.Item1.ObservationCount).ThenBy(l => l.Item1.EntityId, StringComparer.Ordinal)));
            }
        }

        var header = "# MEMORY\n\n";
        var spent = Tokens(header) + MemorySections.All.Sum(s => Tokens($"## {s.Title}\n\n{EmptySection}\n\n"));
        var chosen = MemorySections.All.Select(_ => new List<string>()).ToList();
        var left = candidates.Sum(c => c.Count);
        var full = false;
        while (left > 0 && !full)
        {
            for (var i = 0; i < candidates.Count && !full; i++)
            {
                if (!candidates[i].TryDequeue(out var next)) continue;
                left--;
                var line = $"- {next.Line} ([{next.Snapshot.EntityId}](strata://entities/{next.Snapshot.EntityId}))";
                var cost = Tokens(line + "\n");
                if (spent + cost > budget) { full = true; break; }
                spent += cost;
                chosen[i].Add(line);
            }
        }

        var text = new StringBuilder(header);
        for (var i = 0; i < MemorySections.All.Count; i++)
        {
            text.Append("## ").Append(MemorySections.All[i].Title).Append("\n\n");
            if (chosen[i].Count == 0) text.Append(EmptySection).Append('\n');
            foreach (var line in chosen[i]) text.Append(line).Append('\n');
            text.Append('\n');
        }
        var markdown = text.ToString().TrimEnd() + "\n";
        return new MemoryDocument(markdown, Tokens(markdown), budget, chosen.Sum(c => c.Count), left + (full ? 1 : 0));
    }

    private static int Tokens(string text) => (text.Length + 3) / 4;
}

/// <param name="Omitted">Entities left out for the budget.</param>
public sealed record MemoryDocument(string Markdown, int Tokens, int TokenBudget, int Lines, int Omitted)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Lines} lines, {Tokens}/{TokenBudget} tokens");
}
