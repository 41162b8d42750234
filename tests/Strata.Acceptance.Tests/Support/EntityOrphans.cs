namespace Strata.Acceptance.Tests.Support;

/// <summary>Rows that name an entity the entities table no longer has, per table (read as the tables' owner), and
/// entities left with nothing: what deleting history must never leave behind. Empty when the store is consistent.</summary>
public static class EntityOrphans
{
    private static readonly (string Name, string Sql)[] Checks =
    [
        ("observations", "SELECT COUNT(*) FROM observations o WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = coalesce(nullif(o.original_entity_id, ''), o.entity_id))"),
        ("timeline_events", "SELECT COUNT(*) FROM timeline_events t WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = t.entity_id)"),
        ("duplicate_candidates", """
            SELECT COUNT(*) FROM duplicate_candidates d
            WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = d.entity_a) OR NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = d.entity_b)
            """),
        ("merges", """
            SELECT COUNT(*) FROM merges m
            WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = m.from_entity_id) OR NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = m.to_entity_id)
            """),
        ("entity_splits", """
            SELECT COUNT(*) FROM entity_splits s
            WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = s.from_entity_id) OR NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = s.to_entity_id)
            """),
        ("raw_fragments", "SELECT COUNT(*) FROM raw_fragments f WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = f.entity_id)"),
        ("block_values", """
            SELECT COUNT(*) FROM block_values v WHERE v.entity_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = v.entity_id)
            """),
        ("merged_into", """
            SELECT COUNT(*) FROM entities m WHERE m.merged_into IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = m.merged_into)
            """),
        // An entity that answers for itself with no observation on it is what deletes left behind before.
        ("entities with nothing", """
            SELECT COUNT(*) FROM entities e
            WHERE e.merged_into IS NULL AND NOT EXISTS (SELECT 1 FROM observations o WHERE o.entity_id = e.id OR o.original_entity_id = e.id)
            """),
    ];

    public static List<string> Of(TestStrata strata)
    {
        var checks = Checks.ToList();
        if (strata.Backend == Backends.Sqlite)
        {
            // Identity and blocking keys name their entity by its rowid (migrations 0032, 0035).
            checks.Add(("entity_keys", "SELECT COUNT(*) FROM entity_keys k WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.rowid = k.entity_row)"));
            checks.Add(("duplicate_blocking_keys",
                "SELECT COUNT(*) FROM duplicate_blocking_keys b WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.rowid = b.entity_row)"));
            // Each keyed entity's marker, and its keys only while it lists them (0540).
            checks.Add(("duplicate_keyed",
                "SELECT COUNT(*) FROM duplicate_keyed m WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.rowid = m.entity_row)"));
            checks.Add(("duplicate_blocking_keys unlisted", """
                SELECT COUNT(*) FROM duplicate_blocking_keys b WHERE NOT EXISTS (SELECT 1 FROM duplicate_keyed m, json_each(m.keys) j
                    WHERE m.entity_row = b.entity_row AND m.user_row = b.user_row AND m.entity_type = b.entity_type AND j.value = b.block_key)
                """));
            // Observations name their run by its number (0550); an id is kept only where no run row holds it.
            checks.Add(("observations of deleted runs", """
                SELECT COUNT(*) FROM observations o
                WHERE (o.run_row IS NOT NULL AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.seq = o.run_row)) OR o.run_id IS NOT NULL
                """));
            checks.Add(("relation observations of deleted runs", """
                SELECT COUNT(*) FROM relation_observations o
                WHERE (o.run_row IS NOT NULL AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.seq = o.run_row)) OR (o.run_row IS NULL) = (o.run_id IS NULL)
                """));
            // The full-text index is kept apart from the entities table, by row key.
            checks.Add(("entities_fts", "SELECT COUNT(*) FROM entities_fts f WHERE f.rowid NOT IN (SELECT rowid FROM entities)"));
        }
        else
        {
            checks.Add(("observations of deleted runs", """
                SELECT COUNT(*) FROM observations o WHERE o.run_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.id = o.run_id)
                """));
            checks.Add(("entity_keys", "SELECT COUNT(*) FROM entity_keys k WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = k.entity_id)"));
            checks.Add(("duplicate_blocking_keys",
                "SELECT COUNT(*) FROM duplicate_blocking_keys b WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = b.entity_id)"));
            checks.Add(("duplicate_keyed", "SELECT COUNT(*) FROM duplicate_keyed m WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = m.entity_id)"));
            checks.Add(("duplicate_blocking_keys unlisted", """
                SELECT COUNT(*) FROM duplicate_blocking_keys b WHERE NOT EXISTS (SELECT 1 FROM duplicate_keyed m
                    WHERE m.user_id = b.user_id AND m.entity_id = b.entity_id AND m.entity_type = b.entity_type AND b.block_key = ANY (m.keys))
                """));
        }
        return checks.Select(c => (c.Name, Count: long.Parse(strata.Rows($"SELECT ({c.Sql}) AS n").Single()[2..], System.Globalization.CultureInfo.InvariantCulture)))
            .Where(c => c.Count > 0).Select(c => $"{c.Name}: {c.Count}").ToList();
    }
}
