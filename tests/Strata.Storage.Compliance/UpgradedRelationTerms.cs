using Strata.Core.Recall;
using Strata.Core.Storage;

namespace Strata.Storage.Compliance;

/// <summary>After migration 0250 on a database that held relations before it (both dialects' upgrade tests): every relation
/// is found by its own words (type, property values), each user's only by that user.</summary>
public static class UpgradedRelationTerms
{
    /// <summary>The rows both upgrade tests insert before 0250, with <paramref name="at"/> the time literal of the dialect.</summary>
    public static string Rows(string at) => $$"""
        INSERT INTO users (id, name, plan, created_at) VALUES ('usr_a', 'a', 'free', '{{at}}'), ('usr_b', 'b', 'free', '{{at}}');
        INSERT INTO relation_observations (id, user_id, from_entity_id, relation_type, to_entity_id, original_from_entity_id,
            original_to_entity_id, state, properties_json, effective_at, observed_at, priority, run_id, source_id)
        VALUES ('rel_1', 'usr_a', 'ent_carol', 'reports_to', 'ent_bob', 'ent_carol', 'ent_bob', 'asserted', '{"team":"Archives"}', '{{at}}', '{{at}}', 100, 'run_1', 'src_1'),
               ('rel_2', 'usr_a', 'ent_ada', 'works_at', 'ent_engines', 'ent_ada', 'ent_engines', 'asserted', '{}', '{{at}}', '{{at}}', 100, 'run_1', 'src_1'),
               ('rel_3', 'usr_b', 'ent_x', 'works_at', 'ent_y', 'ent_x', 'ent_y', 'asserted', '{"team":"archives"}', '{{at}}', '{{at}}', 100, 'run_2', 'src_2');
        """;

    public static async Task FoundByTheirWordsAsync(IStrataStore store)
    {
        var later = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        async Task<string[]> FindAsync(string userId, string words)
        {
            await using var session = await store.OpenReadAsync(userId, CancellationToken.None);
            var found = await session.Relations.FindByTermsAsync(RecallTerms.Of(words), later, 100, 10, CancellationToken.None);
            return found.Relations.Select(r => r.ObservationId).Order(StringComparer.Ordinal).ToArray();
        }

        Assert.Equal(["rel_1"], await FindAsync("usr_a", "archive"));
        Assert.Equal(["rel_1", "rel_2"], await FindAsync("usr_a", "report work"));
        Assert.Equal(["rel_3"], await FindAsync("usr_b", "archive work report"));
    }
}
