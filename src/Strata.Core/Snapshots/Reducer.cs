using System.Text.Json;
using Strata.Core.Hashing;
using Strata.Core.Observations;
using Strata.Core.Schemas;

namespace Strata.Core.Snapshots;

/// <summary>
/// Computes a snapshot from observations, deterministically: the same observations always give the same fields.
/// Only accepted observations and declared fields count. Whatever a field's policy, a correction outranks every
/// other kind of observation, so a correction stays until a newer correction replaces it.
/// </summary>
public static class Reducer
{
    public static (Dictionary<string, JsonElement> Fields, Dictionary<string, string> Provenance) Reduce(
        SchemaDefinition schema, IReadOnlyList<Observation> observations)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var provenance = new Dictionary<string, string>(StringComparer.Ordinal);
        var accepted = observations
            .Select((observation, sequence) => new Candidate(observation, sequence))
            .Where(c => c.Observation.State == ObservationStates.Accepted)
            .ToList();

        foreach (var (name, definition) in schema.Fields)
        {
            var candidates = accepted
                .Where(c => c.Observation.Fields.ContainsKey(name))
                .ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            var corrections = candidates.Where(c => c.Observation.Priority >= Priorities.Correction).ToList();
            var (value, winner) = corrections.Count > 0
                ? HighestPriority(corrections, name)
                : definition.EffectivePolicy switch
                {
                    MergePolicies.LastWrite => Latest(candidates, name),
                    MergePolicies.MergeArray => MergeArrays(candidates, name),
                    MergePolicies.MostSpecific => MostSpecific(candidates, name),
                    _ => HighestPriority(candidates, name),
                };

            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                continue; // an explicit null clears the field
            }
            fields[name] = value;
            provenance[name] = winner.Observation.Id;
        }
        return (fields, provenance);
    }

    private sealed record Candidate(Observation Observation, int Sequence);

    /// <summary>The highest priority wins, then the latest observed, then the last given.</summary>
    private static (JsonElement, Candidate) HighestPriority(List<Candidate> candidates, string field)
    {
        var winner = Greatest(candidates, static (a, b) =>
            a.Observation.Priority != b.Observation.Priority ? a.Observation.Priority.CompareTo(b.Observation.Priority)
            : a.Observation.ObservedAt != b.Observation.ObservedAt ? a.Observation.ObservedAt.CompareTo(b.Observation.ObservedAt)
            : a.Sequence.CompareTo(b.Sequence));
        return (winner.Observation.Fields[field], winner);
    }

    /// <summary>The latest observed wins, then the last given.</summary>
    private static (JsonElement, Candidate) Latest(List<Candidate> candidates, string field)
    {
        var winner = Greatest(candidates, static (a, b) =>
            a.Observation.ObservedAt != b.Observation.ObservedAt ? a.Observation.ObservedAt.CompareTo(b.Observation.ObservedAt)
            : a.Sequence.CompareTo(b.Sequence));
        return (winner.Observation.Fields[field], winner);
    }

    /// <summary>The greatest candidate by <paramref name="order"/>, in one pass: every order ends with the sequence, which
    /// no two candidates share, so there are no ties (a sort was the same answer at a snapshot per write's cost).</summary>
    private static Candidate Greatest(List<Candidate> candidates, Comparison<Candidate> order)
    {
        var winner = candidates[0];
        for (var i = 1; i < candidates.Count; i++)
        {
            if (order(candidates[i], winner) > 0) winner = candidates[i];
        }
        return winner;
    }

    private static (JsonElement, Candidate) MergeArrays(List<Candidate> candidates, string field)
    {
        var ordered = candidates.OrderBy(c => c.Observation.ObservedAt).ThenBy(c => c.Sequence).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var union = new List<JsonElement>();
        foreach (var candidate in ordered)
        {
            var value = candidate.Observation.Fields[field];
            if (value.ValueKind == JsonValueKind.Null)
            {
                seen.Clear(); // an explicit null clears what came before it
                union.Clear();
                continue;
            }
            var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
            foreach (var item in items.Where(item => seen.Add(CanonicalJson.Serialize(item))))
            {
                union.Add(item);
            }
        }
        var last = ordered[^1];
        if (union.Count == 0 && last.Observation.Fields[field].ValueKind == JsonValueKind.Null)
        {
            return (last.Observation.Fields[field], last);
        }
        return (JsonSerializer.SerializeToElement(union.ToArray(), CoreJsonContext.Default.JsonElementArray), last);
    }

    private static (JsonElement, Candidate) MostSpecific(List<Candidate> candidates, string field)
    {
        var winner = candidates
            .OrderByDescending(c => Specificity(c.Observation.Fields[field]))
            .ThenByDescending(c => c.Observation.Priority)
            .ThenByDescending(c => c.Observation.ObservedAt)
            .ThenByDescending(c => c.Sequence)
            .First();
        return (winner.Observation.Fields[field], winner);
    }

    private static int Specificity(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Trim().Length,
        JsonValueKind.Number => value.GetRawText().Length,
        JsonValueKind.Array => value.GetArrayLength(),
        JsonValueKind.Object => value.EnumerateObject().Count(),
        JsonValueKind.True or JsonValueKind.False => 1,
        _ => 0,
    };
}
