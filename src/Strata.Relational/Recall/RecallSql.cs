namespace Strata.Relational.Recall;

/// <summary>The recall word index's SQL: the same text on both databases (plain tables, no full-text dialect), so the
/// ranking computed from its rows is the same rule everywhere.</summary>
internal sealed partial record RecallSql
{
    /// <summary>A document's units in multi-row statements (<see cref="RowBatches"/>): on PostgreSQL the kept statistics'
    /// trigger runs once per statement (migration 0340), so a unit per statement would cost a merge per unit.</summary>
    public string InsertUnitsHead { get; init; } = "INSERT INTO recall_units (user_id, document_id, block_index, kind, at, length) VALUES";

    /// <inheritdoc cref="InsertUnitsHead"/>
    public string InsertUnitsRow { get; init; } = "(@UserId, @documentId{n}, @blockIndex{n}, @kind{n}, @at{n}, @length{n})";

    public static readonly string[] UnitColumns = ["documentId", "blockIndex", "kind", "at", "length"];

    /// <summary>The unit insert's tail: a unit written again (a conversion retried, a backfill racing it) is left as it
    /// is and counted once (migration 0340's triggers fire for the rows inserted only), and the units it did add are
    /// returned, so that only their postings are written (migration 0360: a list never repeats a unit).</summary>
    public string InsertUnitsTail { get; init; } = "ON CONFLICT DO NOTHING RETURNING document_id, block_index";

    public string InsertListsHead { get; init; } = "INSERT INTO recall_posting_lists (user_id, term, document_id, first_block, postings) VALUES";

    public string InsertListsRow { get; init; } = "(@UserId, @term{n}, @documentId{n}, @firstBlock{n}, @postings{n})";

    public static readonly string[] ListColumns = ["term", "documentId", "firstBlock", "postings"];

    /// <summary>A list written again in the same units is left as it is.</summary>
    public string InsertRowsTail { get; init; } = "ON CONFLICT DO NOTHING";

    /// <summary>The kept statistics (migration 0340): one row on SQLite, a few on PostgreSQL (one per writer in flight), summed.</summary>
    public string Statistics { get; init; } = "SELECT COALESCE(SUM(units), 0), COALESCE(SUM(total_length), 0) FROM recall_statistics WHERE user_id = @UserId";

    public string PendingDocuments { get; init; } =
        "SELECT COALESCE(SUM(CASE WHEN indexed = 0 THEN 1 ELSE 0 END), 0), COUNT(*) FROM recall_pending_documents WHERE user_id = @UserId";

    public string NextPendingDocument { get; init; } =
        "SELECT document_id FROM recall_pending_documents WHERE user_id = @UserId AND indexed = 0 ORDER BY document_id LIMIT 1";

    public string MarkDocumentIndexed { get; init; } =
        "UPDATE recall_pending_documents SET indexed = 1 WHERE user_id = @UserId AND document_id = @documentId";

    public string ClearIndexedDocuments { get; init; } = """
        DELETE FROM recall_pending_documents WHERE user_id = @UserId
        AND NOT EXISTS (SELECT 1 FROM recall_pending_documents p WHERE p.user_id = @UserId AND p.indexed = 0)
        """;

    /// <summary>One term's posting lists, one row per document (and batch of its units) that has it; the project's
    /// condition is appended by <see cref="RecallIndexStore"/>, the kind and time conditions are read from each posting.</summary>
    public string PostingLists { get; init; } = """
        SELECT document_id, postings FROM recall_posting_lists
        WHERE user_id = @UserId AND term = @term
        """;

    /// <summary>The bytes of one term's lists (<see cref="RecallPostingList.Size"/> a posting), the project's condition
    /// appended: a length is in the row's header on SQLite and in the value's header on PostgreSQL, so no list is read.</summary>
    public string PostingListBytes { get; init; } = """
        SELECT COALESCE(SUM(length(postings)), 0) FROM recall_posting_lists
        WHERE user_id = @UserId AND term = @term
        """;

    /// <summary>Every term's lists in one statement, where a round trip costs more than the database's work on a word (null:
    /// each term is read alone). Parameters @UserId, @terms (an array, the question's order), @maxBytes, and @projectId in
    /// <see cref="PostingListsOfTermsInProject"/>; rows: term, the running length of the term's lists up to this one, the
    /// list's document and bytes (null once the running length passes @maxBytes, and no row after that one), in the terms'
    /// order and each term's lists in key order.</summary>
    public string? PostingListsOfTerms { get; init; }

    /// <inheritdoc cref="PostingListsOfTerms"/>
    public string? PostingListsOfTermsInProject { get; init; }

    /// <summary>The lists in key order (the primary key's), so that both databases hand BM25 the postings alike.</summary>
    public string PostingListsOrder { get; init; } = " ORDER BY document_id, first_block";

    public string ProjectCondition { get; init; } =
        " AND document_id IN (SELECT id FROM documents WHERE user_id = @UserId AND project_id = @projectId)";

    /// <summary>The blocks of a list of units, driven by the list: <see cref="BlocksKeys"/>, one <c>(@dN, @iN)</c> row per unit
    /// joined by <see cref="BlocksRows"/>, then <see cref="Blocks"/>. Each unit is one primary-key probe; an <c>OR</c> of
    /// (document, index) pairs beside the user's condition had SQLite walk every block of the user (94 ms at 200,000 blocks
    /// for 20 units, against 0.2 ms this way).</summary>
    public string BlocksKeys { get; init; } = "WITH wanted (document_id, block_index) AS (VALUES ";

    /// <inheritdoc cref="BlocksKeys"/>
    public string BlocksRows { get; init; } = ") ";

    /// <summary>The content of the listed blocks no longer than @maxCharacters (after <see cref="BlocksKeys"/> and
    /// <see cref="BlocksRows"/>): no document row and no other column read.</summary>
    public string ShortContents => $"""
        SELECT b.document_id, b.block_index, b.content
        FROM wanted {UnitsFirst} document_blocks b ON b.document_id = wanted.document_id AND b.block_index = wanted.block_index
        WHERE b.user_id = @UserId AND length(b.content) <= @maxCharacters
        """;

    /// <inheritdoc cref="BlocksKeys"/>
    public string Blocks => $"""
        SELECT b.document_id, b.block_index, b.block_uid, b.block_type, b.content, b.heading_path, b.attributes, d.name, d.source_id, d.project_id
        FROM wanted {UnitsFirst} document_blocks b ON b.document_id = wanted.document_id AND b.block_index = wanted.block_index
        {UnitsFirst} documents d ON d.id = b.document_id AND d.user_id = b.user_id
        WHERE b.user_id = @UserId
        """;

    /// <summary>The join that reads the listed units before their blocks (<see cref="Blocks"/>, <see cref="ShortContents"/>):
    /// SQLite's <c>CROSS JOIN</c>, which keeps the order written — past about twenty units its planner preferred walking
    /// every block of the user (by the user's block index) and scanning the list for each, 5.7 ms for 42 units at 2,000
    /// blocks and growing with the store; the list first is one primary-key probe a unit (0.3 ms).</summary>
    public string UnitsFirst { get; init; } = "JOIN";
}
