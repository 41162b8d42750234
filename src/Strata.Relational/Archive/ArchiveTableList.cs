namespace Strata.Relational.Archive;

/// <summary>
/// Which tables a portable archive carries, in load order (every row after the rows it refers to), and why each other
/// table stays behind. A table added by a migration must be named in one list or the other: a test compares both
/// with the database's catalogue, so nothing new is silently left out of archives.
/// </summary>
internal static class ArchiveTableList
{
    public static readonly IReadOnlyList<string> Carried =
    [
        "sources", "schemas", "runs", "run_items", "llm_calls",
        "entities", "observations", "observation_evidence", "raw_fragments", "merges", "entity_splits", EntityKeys,
        "timeline_events", "duplicate_candidates", "relation_observations", RelationTerms,
        "projects", "documents", "document_blocks", "block_runs", "block_values",
        "chat_imports", "chat_import_conversations", "chat_evidence", "memory_generated",
        "recall_units", RecallPostingLists, "recall_pending_documents",
        "deletions", "llm_user_settings",
    ];

    /// <summary>Identity keys: one logical table, stored as hashes and rowids on SQLite (migration 0032).</summary>
    public const string EntityKeys = "entity_keys";

    /// <summary>The words relations are found by (0250): by rowids on SQLite (0490), carried as (term, observation id).</summary>
    public const string RelationTerms = "relation_terms";

    /// <summary>Recall's posting lists (migration 0360): packed bytes, carried as hex.</summary>
    public const string RecallPostingLists = "recall_posting_lists";

    public static readonly IReadOnlyDictionary<string, string> LeftBehind = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["users"] = "the target's user of the same name receives the rows (user ids derive from names)",
        ["api_keys"] = "keys are never exported",
        ["llm_provider_keys"] = "keys are never exported",
        ["web_sessions"] = "sign-ins to one server's web page, opened by keys, which are never exported",
        ["jobs"] = "work queued in one store; an archive carries finished state",
        ["llm_call_slots"] = "leases on model calls in flight, local to one store",
        ["pending_bytes"] = "bytes waiting for the blob store; an export needs every source's bytes stored",
        ["usage_storage"] = "a counter: an import adds the bytes of the sources it adds",
        ["usage_interpretations"] = "a billing counter of the store that ran the interpretations",
        ["duplicate_blocking_keys"] = "derived: the duplicate scan keys every entity again in the target",
        ["duplicate_keyed"] = "derived: which snapshot each entity's blocking keys came from (SQLite, 0540), written again by the target's scan",
        ["duplicate_keyed_up_to"] = "derived: the newest snapshot the scan keyed (SQLite, 0540), written again by the target's scan",
        ["schema_migrations"] = "the database's own version",
        ["entities_fts"] = "derived: written as each entity row is loaded",
        ["entities_words"] = "derived: written as each entity row is loaded",
        ["webhooks"] = "a secret sealed under one server's key does not open on another, and receivers belong to one deployment",
        ["webhook_deliveries"] = "a log of one store's deliveries, whose jobs stay behind too",
        ["bulk_changes"] = "a review's undo history in one store; an archive carries the values as they are",
        ["bulk_change_blocks"] = "the blocks of bulk_changes, left behind with them",
        ["recall_statistics"] = "derived: kept by triggers as the carried recall_units rows are loaded",
        ["recall_vector_counts"] = "derived: kept by triggers as the target's backfill writes its vectors",
        ["memory_generations"] = "derived: kept by triggers as the carried entities rows are loaded",
        ["recall_vectors"] = "derived: the target's embedding backfill computes them again with the provider it is configured with",
    };
}
