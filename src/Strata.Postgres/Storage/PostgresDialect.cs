using Strata.Relational.CallSlots;
using Strata.Relational.Deletions;
using Strata.Relational.Documents;
using Strata.Relational.Duplicates;
using Strata.Relational.Entities;
using Strata.Relational.Jobs;
using Strata.Relational.Migrations;
using Strata.Relational.Observations;
using Strata.Relational.PendingBytes;
using Strata.Relational.Review;
using Strata.Relational.RunItems;
using Strata.Relational.Runs;
using Strata.Relational.Usage;
using Strata.Relational;

namespace Strata.Postgres.Storage;

/// <summary>PostgreSQL's side of the shared store layer: timestamptz values, and the SQL it needs of its own.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    /// <summary>"STRATA" + 1: the advisory lock processes take to migrate one at a time.</summary>
    private const long MigrationLockKey = 0x5354524154410001;

    /// <summary>"STRATA" + 2: the advisory lock writers of pending bytes take in turn.</summary>
    private const long PendingBytesLockKey = 0x5354524154410002;

    public static readonly PostgresDialect Instance = new()
    {
        Runs = new RunSql
        {
            ListFilter = "WHERE user_id = @UserId AND (@sourceId::text IS NULL OR source_id = @sourceId) AND (@includeArchived OR archived_at IS NULL)",
        },
        Jobs = new JobSql
        {
            ClaimRowLock = "FOR UPDATE SKIP LOCKED",
            ClaimKinds = "kind = ANY(@kinds)",
            ClaimSubject = "@Subject::text",
            FailRetryAt = "@retryAt::timestamptz",
            LeaseExpiresAtText = "lease_expires_at::text",
        },
        Usage = new UsageSql
        {
            BytesLimit = "@limit::bigint",
            InterpretationsLimit = "@limit::int",
        },
        PendingBytes = new PendingBytesSql
        {
            TotalsLock = $"SELECT pg_advisory_xact_lock({PendingBytesLockKey})",
            // Row-level security shows a session its own rows only; the function sums everyone's.
            Totals = "SELECT (SELECT COALESCE(SUM(size), 0)::BIGINT FROM pending_bytes WHERE user_id = @UserId), strata_pending_bytes_total()",
        },
        Migrations = new MigrationSql
        {
            Lock = $"SELECT pg_advisory_lock({MigrationLockKey})",
            Unlock = $"SELECT pg_advisory_unlock({MigrationLockKey})",
            CreateTable = """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    BIGINT PRIMARY KEY,
                    name       TEXT NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """,
            // applied_at is the database's now(), its column default.
            Record = "INSERT INTO schema_migrations (version, name) VALUES (@version, @name)",
            ForeignKeysOff = null,
            ForeignKeysOn = null,
            ForeignKeyCheck = null,
        },
        Entities = new EntitySql
        {
            // JSON arrives as text; the columns are jsonb.
            InsertWithSnapshot = """
                INSERT INTO entities (id, user_id, entity_type, canonical_name, created_at, fields_json, provenance_json, observation_count,
                    updated_at, search_text, memory_text, memory_name, memory_state)
                VALUES (@Id, @UserId, @EntityType, @CanonicalName, @createdAt, @fieldsJson::jsonb, @provenanceJson::jsonb, @ObservationCount,
                    @updatedAt, @searchText, @memoryText::text, @memoryName::text, @memoryState::text)
                ON CONFLICT (id) DO NOTHING
                """,
            UpdateSnapshot = """
                UPDATE entities SET fields_json = @fieldsJson::jsonb, provenance_json = @provenanceJson::jsonb, observation_count = @ObservationCount,
                    updated_at = @updatedAt, search_text = @searchText, memory_text = @memoryText::text,
                    memory_name = @memoryName::text, memory_state = @memoryState::text
                WHERE user_id = @UserId AND id = @EntityId
                """,
            InsertManyRow = """
                (@Id{n}, @UserId, @EntityType{n}, @CanonicalName{n}, @createdAt{n}, @fieldsJson{n}::jsonb, @provenanceJson{n}::jsonb,
                    @ObservationCount{n}, @updatedAt{n}, @searchText{n}, @memoryText{n}::text, @memoryName{n}::text, @memoryState{n}::text)
                """,
            // NO KEY UPDATE, because inserting an observation already holds KEY SHARE on its entity (the foreign key).
            Lock = "SELECT id FROM entities WHERE user_id = @UserId AND id = ANY(@entityIds) ORDER BY id FOR NO KEY UPDATE",
            LockForRemoval = "SELECT id FROM entities WHERE user_id = @UserId AND id = ANY(@entityIds) ORDER BY id FOR UPDATE",
        },
        Observations = new ObservationSql
        {
            Insert = $"""
                INSERT INTO observations (id, user_id, entity_id, original_entity_id, source_id, run_id, kind, locator, priority, state,
                    fields_json, reason, observed_at, created_at)
                VALUES (@Id, @UserId, @EntityId, '', {ObservationSql.LeanSource("@SourceId", "@RunId")}, @RunId, @Kind, @Locator,
                    @Priority, @State, @fieldsJson::jsonb, @Reason, @observedAt, @createdAt)
                ON CONFLICT (id) DO NOTHING
                """,
            InsertManyRow = $$"""
                (@Id{n}, @UserId, @EntityId{n}, '', {{ObservationSql.LeanSource("@SourceId{n}", "@RunId{n}")}}, @RunId{n}, @Kind{n},
                    @Locator{n}, @Priority{n}, @State{n}, @fieldsJson{n}::jsonb, @Reason{n}, @observedAt{n}, @createdAt{n})
                """,
        },
        Duplicates = new DuplicateSql
        {
            FieldsAsText = "e.fields_json::text",
            KeyIn = "block_key = ANY(@keys)",
            IdIn = "e.id = ANY(@ids)",
            ListFilter = $"{DuplicateSql.Visible} AND (@entityType::text IS NULL OR d.entity_type = @entityType) AND (@includeDismissed OR d.status = 'pending')",
        },
        RunItems = new RunItemSql
        {
            ListFilter = "WHERE user_id = @UserId AND run_id = @runId AND (@status::text IS NULL OR status = @status)",
        },
        // A delete holds what it deletes from the start: a second delete of it waits, then finds it gone.
        Documents = new DocumentSql { Lock = "SELECT id FROM documents WHERE user_id = @UserId AND id = @documentId FOR UPDATE" },
        Projects = new ProjectSql { Lock = "SELECT id FROM projects WHERE user_id = @UserId AND id = @projectId FOR UPDATE" },
        Deletions = new DeletionSql { LockSource = "SELECT id FROM sources WHERE user_id = @UserId AND id = @sourceId FOR UPDATE" },
        Review = new ReviewSql
        {
            LockRun = "SELECT run_id FROM block_runs WHERE user_id = @UserId AND run_id = @runId FOR UPDATE",
            FieldText = "CASE jsonb_typeof(v.value_json::jsonb -> @field) WHEN 'null' THEN 'null' ELSE v.value_json::jsonb ->> @field END",
            ContainsLike = "ILIKE",
            IndexIn = "block_index = ANY(@indexes)",
            DocumentIn = "document_id = ANY(@documentIds)",
            DocumentIdIn = "id = ANY(@documentIds)",
        },
        // Takers of a slot queue on one transaction-scoped lock, so two never both see room for the last slot.
        CallSlots = new CallSlotSql { Serialize = "SELECT pg_advisory_xact_lock(7316045911)" },
        // A backfill transaction's vectors in one statement (a vector is float32: 4 bytes a dimension). The rows go in the
        // arrays' order, the walk's key order, so two workers racing on one backfill take the keys' locks in one order.
        Recall = new Strata.Relational.Recall.RecallSql
        {
            // enable_seqscan off: a page planned while the vectors table is still nearly empty (the backfill's first
            // pages) was planned with a sequential scan of it per unit (cheap at 0 pages), then ran while the table grew:
            // 2,048 units x every vector, over 30 s at 200,000 units (docs/recall.md, stop 52).
            UnembeddedSettings = "SET LOCAL jit = off; SET LOCAL enable_seqscan = off",
            PostingListsOfTerms = PostingListsOfTerms(""),
            PostingListsOfTermsInProject = PostingListsOfTerms(" AND document_id IN (SELECT id FROM documents WHERE user_id = @UserId AND project_id = @projectId)"),
            InsertVectorArrays = """
                INSERT INTO recall_vectors (user_id, model, document_id, block_index, dimensions, vector)
                SELECT @UserId, @model, v.document_id, v.block_index, length(v.vector) / 4, v.vector
                FROM unnest(@documentIds, @blockIndexes, @vectors) AS v(document_id, block_index, vector)
                ON CONFLICT DO NOTHING
                """,
            CountAddedVectors = null,
        },
    };

    private PostgresDialect()
    {
    }

    /// <summary>A question's terms' lists in one statement (<see cref="Strata.Relational.Recall.RecallSql.PostingListsOfTerms"/>):
    /// each term's lists in key order (its primary-key range, so no sort) with their running length, cut after the list
    /// that passes @maxBytes, whose bytes are not sent — a word over the cap costs the reading of its rows' lengths (the
    /// values' headers) and one row, as the count of the term-at-a-time read did. <paramref name="project"/> is the project's
    /// condition.</summary>
    private static string PostingListsOfTerms(string project) => string.Join('\n',
        "SELECT t.term, l.running, l.document_id, CASE WHEN l.running <= @maxBytes THEN l.postings END",
        "FROM unnest(@terms) WITH ORDINALITY AS t(term, position)",
        "CROSS JOIN LATERAL (",
        "    SELECT document_id, first_block, postings, running FROM (",
        "        SELECT document_id, first_block, postings, length(postings) AS own,",
        "            SUM(length(postings)) OVER (ORDER BY document_id, first_block) AS running",
        "        FROM recall_posting_lists WHERE user_id = @UserId AND term = t.term" + project + ") w",
        "    WHERE running - own <= @maxBytes) l",
        "ORDER BY t.position, l.document_id, l.first_block");

    public override string Name => "postgres";

    public override bool IsForeignKeyViolation(System.Data.Common.DbException exception) =>
        exception.SqlState == Npgsql.PostgresErrorCodes.ForeignKeyViolation;

    /// <summary>Npgsql writes timestamptz only from UTC <see cref="DateTime"/>s.</summary>
    public override object Time(DateTimeOffset value) => value.UtcDateTime;
}
