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
/// made them, are added marked as generated within a quarter of the budget; without them the rest is the same. A fact
/// whose evidence quote the full pass could not find in its message is kept but marked (<see cref="Unverified"/>): the
/// model said it, the message does not show it word for word. Generated sections that failed are listed with their errors.
/// </summary>
public sealed class MemoryService(IStrataStore store)
{
    public const int DefaultTokenBudget = 4_000;
    public const string EmptySection = "Nothing yet.";

    /// <summary>Ends the line of a fact whose winning value's evidence was not found in the message it came from.</summary>
    public const string Unverified = " _(evidence not found in the message)_";

    public async Task<MemoryDocument> RenderAsync(string userId, int? tokenBudget, CancellationToken cancellationToken)
    {
        var budget = tokenBudget ?? DefaultTokenBudget;
        if (budget is < 100 or > 100_000) throw Errors.StrataException.Validation($"token_budget must be between 100 and 100000 (got {budget}).");
        List<Queue<(Snapshot Snapshot, string Line)>> candidates;
        IReadOnlyList<GeneratedSection> all;
        HashSet<string> unverified;
        await using (var session = await store.OpenReadAsync(userId, cancellationToken))
        {
            candidates = await MemoryLines.ReadAsync(session, cancellationToken);
            all = await session.ChatImports.ListGeneratedAsync(cancellationToken);
            var winners = candidates.SelectMany(c => c).SelectMany(c => c.Snapshot.Provenance.Values).ToList();
            var unfound = await session.ChatImports.ListUnfoundEvidenceAsync(winners, cancellationToken);
            unverified = candidates.SelectMany(c => c).Where(c => c.Snapshot.Provenance.Any(p => unfound.Contains((p.Value, p.Key))))
                .Select(c => c.Snapshot.EntityId).ToHashSet(StringComparer.Ordinal);
        }
        var generated = all.Where(g => g.Status == GeneratedSections.Generated && g.Text is not null).ToList();
        var failed = all.Where(g => g.Status == GeneratedSections.Failed).ToList();

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
                var mark = unverified.Contains(next.Snapshot.EntityId) ? Unverified : "";
                var line = $"- {next.Line} ([{next.Snapshot.EntityId}](strata://entities/{next.Snapshot.EntityId})){mark}";
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
        if (failed.Count > 0)
        {
            // Visible, never silent: what the model was asked to write and could not, with why (its raw answer stays stored).
            text.Append("## Generated sections that failed\n\n");
            foreach (var f in failed) text.Append("- ").Append(GeneratedSections.Title(f.Section)).Append(": ").Append(f.Error ?? "no error recorded").Append('\n');
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
