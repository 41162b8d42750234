using System.Globalization;
using System.Text;
using Strata.Core.Memory.Sections;
using Strata.Core.Snapshots;
using Strata.Core.Storage;

namespace Strata.Core.Memory;

/// <summary>
/// MEMORY.md, rendered from the user's snapshots (never written by a model): sections Profile, Preferences, Projects,
/// People, Important Dates, Beliefs &amp; Values, Decisions &amp; Context. Within each section the most recently updated and
/// most supported (most observations) come first; lines are taken from the sections in turn until the token budget
/// (characters / 4) is spent, so one long section cannot crowd out the others. Every line ends with its entity's id.
/// Model-written sections (a summary, and the profile's communication style, tone and boundaries), when a generation
/// made them, are added marked as generated within a quarter of the budget; without them the rest is the same.
/// </summary>
public sealed class MemoryService(IStrataStore store)
{
    public const int DefaultTokenBudget = 4_000;
    public const string EmptySection = "Nothing yet.";

    public async Task<MemoryDocument> RenderAsync(string userId, int? tokenBudget, CancellationToken cancellationToken)
    {
        var budget = tokenBudget ?? DefaultTokenBudget;
        if (budget is < 100 or > 100_000) throw Errors.StrataException.Validation($"token_budget must be between 100 and 100000 (got {budget}).");
        List<Queue<(Snapshot Snapshot, string Line)>> candidates;
        IReadOnlyList<GeneratedSection> generated;
        await using (var session = await store.OpenAsync(userId, write: false, cancellationToken))
        {
            candidates = await MemoryLines.ReadAsync(session, cancellationToken);
            generated = (await session.ChatImports.ListGeneratedAsync(cancellationToken)).Where(g => g.Status == GeneratedSections.Generated && g.Text is not null).ToList();
        }

        var header = "# MEMORY\n\n";
        var (summary, profile) = GeneratedMarkdown.Render(generated, budget);
        var spent = Tokens(header + summary + profile) + MemorySections.All.Sum(s => Tokens($"## {s.Title}\n\n{EmptySection}\n\n"));
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

        var text = new StringBuilder(header).Append(summary);
        for (var i = 0; i < MemorySections.All.Count; i++)
        {
            text.Append("## ").Append(MemorySections.All[i].Title).Append("\n\n");
            if (chosen[i].Count == 0) text.Append(EmptySection).Append('\n');
            foreach (var line in chosen[i]) text.Append(line).Append('\n');
            text.Append('\n');
        }
        text.Append(profile);
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
