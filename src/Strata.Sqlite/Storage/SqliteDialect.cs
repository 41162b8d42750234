using System.Buffers;
using System.Text;
using System.Text.Json;
using Strata.Relational;
using Strata.Relational.Deletions;
using Strata.Relational.Duplicates;
using Strata.Relational.Entities;
using Strata.Relational.EntityKeys;
using Strata.Relational.Evidence;
using Strata.Relational.Observations;
using Strata.Relational.Runs;
using Strata.Relational.Splits;

namespace Strata.Sqlite.Storage;

/// <summary>SQLite's side of the shared store layer: times as fixed-width UTC text, and the SQL it needs of its own.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    /// <summary>An entity's observations are found by the entity's rowid (migration 0004); the user filter stays.</summary>
    /// <summary>The session user's rowid, which names the user in the identity and blocking keys (0032, 0035).</summary>
    internal const string UserRow = "(SELECT rowid FROM users WHERE id = @UserId)";

    private const string InEntityIdList = "IN (SELECT value FROM json_each(@entityIds))";

    /// <summary>A lean row's time (microseconds since the epoch, 0310) as the archive's fixed-width text, and back.</summary>
    private static string TimeText(string column) =>
        $"strftime('%Y-%m-%dT%H:%M:%S', {column} / 1000000, 'unixepoch') || printf('.%06d0Z', {column} % 1000000)";

    /// <inheritdoc cref="TimeText"/>
    private static string Microseconds(string text) =>
        $"(unixepoch(substr({text}, 1, 19)) * 1000000 + CAST(substr({text}, 21, 6) AS INTEGER))";

    /// <summary>An observation's fields: '' where they are its entity's snapshot, text for text (migration 0450), read
    /// from the entity row.</summary>
    private static string ObservationFields(string o) =>
        $"CASE WHEN {o}.fields_json = '' THEN (SELECT fe.fields_json FROM entities fe WHERE fe.rowid = {o}.entity_row) ELSE {o}.fields_json END";

    /// <summary>The fields a new observation row keeps (migration 0450): '' when <paramref name="fields"/> is, text for
    /// text, the snapshot its entity <paramref name="entityId"/> holds (entities are inserted with their first snapshot
    /// before their observations), else the fields.</summary>
    private static string FieldsKeptOnce(string fields, string entityId) =>
        $"CASE WHEN {fields} = (SELECT fields_json FROM entities WHERE id = {entityId}) THEN '' ELSE {fields} END";

    private const string OfEntityRow = $"entity_row = (SELECT rowid FROM entities WHERE user_row = {UserRow} AND id = @entityId) AND {ObservationsOfUser}";

    /// <summary>Observations name their user by rowid (0510), as entities do (0520): the session user's rows.</summary>
    private const string ObservationsOfUser = $"user_row = {UserRow}";

    /// <summary>A row's user read back as its id from its user rowid column (observations, entities).</summary>
    private static string UserIdOfRow(string column) => $"(SELECT ru.id FROM users ru WHERE ru.rowid = {column})";

    /// <summary>Deletes the blocking keys and the marker of the entity rows <paramref name="rows"/> names (<c>= …</c> or
    /// <c>IN …</c>): each key is found by its primary key from the list its marker keeps (migration 0540).</summary>
    private static string ForgetBlockingKeys(string rows) => $"""
        DELETE FROM duplicate_blocking_keys WHERE (user_row, entity_type, block_key, entity_row) IN (
            SELECT m.user_row, m.entity_type, j.value, m.entity_row FROM duplicate_keyed m, json_each(m.keys) j WHERE m.entity_row {rows});
        DELETE FROM duplicate_keyed WHERE entity_row {rows}
        """;

    /// <summary>The columns of EntitySql.ColumnsOf of the entity row named e, its user read back from the rowid.</summary>
    private static readonly string EntityColumns =
        $"e.id, {UserIdOfRow("e.user_row")}, e.entity_type, e.canonical_name, e.merged_into, e.merged_at, e.created_at";

    /// <summary>Relation observations name their user by rowid (0500) and their terms their user and observation by rowid
    /// (0490); lists are read from JSON.</summary>
    private static readonly Strata.Relational.Relations.RelationSql RelationStatements = new()
    {
        User = ("user_row", UserRow),
        EntityUser = ("user_row", UserRow),
        Run = RunLink.BySeq,
        InEntityIds = InEntityIdList,
        InTerms = "IN (SELECT value FROM json_each(@terms))",
        // Terms name their user and observation by rowid (0490): each observation's seq found by its id.
        InsertTerms = $"""
            INSERT INTO relation_terms (user_row, term, relation_row)
            SELECT {UserRow}, t.value, o.seq
            FROM json_each(@ids) i JOIN json_each(@terms) t ON t.key = i.key CROSS JOIN relation_observations o ON o.id = i.value
            WHERE true
            ON CONFLICT DO NOTHING
            """,
        InsertTermsAtMigration250 = """
            INSERT INTO relation_terms (user_id, term, observation_id)
            SELECT @UserId, t.value, i.value FROM json_each(@ids) i JOIN json_each(@terms) t ON t.key = i.key WHERE true
            ON CONFLICT DO NOTHING
            """,
        TermsOfUser = $"user_row = {UserRow}",
        TermNamesObservation = ("relation_row", "seq"),
        // Driven by the list, as Entities.GetMany: left to itself the planner walked every entity of the user.
        NamedEnds = $"""
            SELECT e.id AS EntityId, e.entity_type AS EntityType, e.canonical_name AS CanonicalName, e.fields_json AS FieldsJson
            FROM (SELECT DISTINCT value FROM json_each(@entityIds)) wanted CROSS JOIN entities e ON e.id = wanted.value
            WHERE e.user_row = {UserRow}
            """,
    };

    public static readonly SqliteDialect Instance = new()
    {
        Deletions = new DeletionSql { ObservationsOnEntity = OfEntityRow },
        // Times are already the archive's text and booleans 0 and 1; identity keys are hashes and rowids (0032), and an
        // observation finds its entity by rowid (0004): both are rebuilt from ids on the way in. Observations keep integer
        // times and leave out their run's source (0310): read and written by their own statements.
        Archive = new Strata.Relational.Archive.ArchiveSql
        {
            Columns = "SELECT name, type FROM pragma_table_info(@table) ORDER BY cid",
            Cast = null,
            TimeCast = null,
            BooleansAsNumbers = true,
            UserRow = UserRow,
            // Entity rows (0430) and relation observations (0440) keep integer times: the archive carries them as text, as
            // every other time.
            LeanTimeColumns = new HashSet<string>(StringComparer.Ordinal)
            {
                "entities.created_at", "entities.updated_at", "entities.merged_at", "relation_observations.valid_from",
                "relation_observations.valid_to", "relation_observations.effective_at", "relation_observations.observed_at",
            },
            LeanTimeRead = TimeText("{0}"),
            LeanTimeWrite = Microseconds("{0}"),
            Reads = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                // Observations as the archive's columns: the source read through the run, times as text (0310).
                ["observations"] = $"""
                    SELECT o.id, o.entity_id, {ObservationSql.OriginalOf("o")} AS original_entity_id,
                        {ObservationSql.SourceOf("o", RunLink.BySeq)} AS source_id,
                        {RunLink.BySeq.IdOf("o")} AS run_id, o.kind, o.locator, o.priority, o.state, {ObservationFields("o")} AS fields_json, o.reason,
                        {TimeText("o.observed_at")} AS observed_at, {TimeText(ObservationSql.CreatedOf("o"))} AS created_at
                    FROM observations o WHERE o.{ObservationsOfUser} ORDER BY o.seq
                    """,
                [Strata.Relational.Archive.ArchiveSql.RelationObservations] = RelationStatements.ArchiveRowsOf(TimeText),
                [Strata.Relational.Archive.ArchiveTableList.EntityKeys] = $"""
                    SELECT lower(hex(k.key)) AS key_hash, e.id AS entity_id, e.entity_type AS entity_type
                    FROM entity_keys k JOIN entities e ON e.rowid = k.entity_row
                    WHERE k.user_row = {UserRow} ORDER BY e.id, k.key
                    """,
                // Terms as the archive's columns, their observation by id (0490).
                [Strata.Relational.Archive.ArchiveTableList.RelationTerms] = $"""
                    SELECT t.term, o.id AS observation_id
                    FROM relation_terms t JOIN relation_observations o ON o.seq = t.relation_row
                    WHERE t.user_row = {UserRow} ORDER BY t.term, o.id
                    """,
                [Strata.Relational.Archive.ArchiveTableList.RecallPostingLists] = """
                    SELECT term, document_id, first_block, lower(hex(postings)) AS postings
                    FROM recall_posting_lists WHERE user_id = @UserId ORDER BY term, document_id, first_block
                    """,
            },
            Inserts = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["observations"] = $"""
                    INSERT INTO observations (id, user_row, entity_id, entity_row, original_entity_id, source_id, run_row, run_id, kind,
                        locator, priority, state, fields_json, reason, observed_at, created_at)
                    VALUES (@c_id, {UserRow}, @c_entity_id, (SELECT rowid FROM entities WHERE user_row = {UserRow} AND id = @c_entity_id),
                        {ObservationSql.LeanOriginal("@c_original_entity_id", "@c_entity_id")},
                        {ObservationSql.LeanSource("@c_source_id", "@c_run_id")},
                        {RunLink.BySeq.WriteValues("@c_run_id")}, @c_kind, @c_locator, @c_priority, @c_state, {FieldsKeptOnce("@c_fields_json", "@c_entity_id")}, @c_reason,
                        {Microseconds("@c_observed_at")}, nullif({Microseconds("@c_created_at")}, {Microseconds("@c_observed_at")}))
                    ON CONFLICT DO NOTHING
                    """,
                [Strata.Relational.Archive.ArchiveTableList.EntityKeys] = $"""
                    INSERT INTO entity_keys (user_row, key, entity_row)
                    VALUES ({UserRow}, unhex(@c_key_hash), (SELECT rowid FROM entities WHERE user_row = {UserRow} AND id = @c_entity_id))
                    ON CONFLICT DO NOTHING
                    """,
                [Strata.Relational.Archive.ArchiveTableList.RelationTerms] = $"""
                    INSERT INTO relation_terms (user_row, term, relation_row)
                    SELECT {UserRow}, @c_term, o.seq FROM relation_observations o WHERE o.id = @c_observation_id AND o.user_row = {UserRow}
                    ON CONFLICT DO NOTHING
                    """,
                [Strata.Relational.Archive.ArchiveTableList.RecallPostingLists] = """
                    INSERT INTO recall_posting_lists (user_id, term, document_id, first_block, postings)
                    VALUES (@UserId, @c_term, @c_document_id, @c_first_block, unhex(@c_postings))
                    ON CONFLICT DO NOTHING
                    """,
            },
            // The archive carries an entity's search text; this row does not keep it (0530).
            DerivedColumns = new Dictionary<string, IReadOnlyList<Strata.Relational.Archive.DerivedColumn>>(StringComparer.Ordinal)
            {
                ["entities"] = [new("search_text", SqliteFunctions.SearchTextOf("entities"), After: "updated_at")],
            },
            // A merged entity has no full-text entry (its reads redirect), as when its snapshot is saved.
            AfterInsert = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["entities"] = $"""
                    INSERT INTO entities_fts (rowid, search_text)
                    SELECT rowid, {SqliteFunctions.SearchTextOf("e")} FROM entities e WHERE user_row = {UserRow} AND id = @c_id AND merged_into IS NULL;
                    INSERT INTO entities_words (rowid, search_text)
                    SELECT rowid, {SqliteFunctions.SearchTextOf("e")} FROM entities e WHERE user_row = {UserRow} AND id = @c_id AND merged_into IS NULL
                    """,
                [Strata.Relational.Archive.ArchiveSql.RelationObservations] = RelationStatements.CompactImported,
            },
        },
        // Driven by the list of units, as the entity lists above (RecallSql.UnitsFirst says why).
        Recall = new Strata.Relational.Recall.RecallSql { UnitsFirst = "CROSS JOIN" },
        Relations = RelationStatements,
        Entities = new EntitySql
        {
            User = ("user_row", UserRow),
            UserIdOf = UserIdOfRow,
            // Driven by the list (CROSS JOIN fixes the order): each id is one primary-key probe. Left to itself, the
            // planner walked every entity of the user by index and tested it against the list.
            GetMany = $"""
                SELECT {EntityColumns}
                FROM json_each(@entityIds) wanted CROSS JOIN entities e ON e.id = wanted.value
                WHERE e.user_row = {UserRow}
                """,
            // Driven by the list, as GetMany (an id named twice is read once).
            GetSnapshots = $"""
                SELECT e.id, e.entity_type, e.canonical_name, e.fields_json, e.provenance_json, e.observation_count, e.updated_at, e.merged_into
                FROM (SELECT DISTINCT value FROM json_each(@entityIds)) wanted CROSS JOIN entities e ON e.id = wanted.value
                WHERE e.user_row = {UserRow}
                """,
            // Driven by the list, as GetMany.
            MemoryNames = $"""
                SELECT e.id, e.memory_name, CASE WHEN e.memory_name IS NULL THEN e.fields_json END
                FROM (SELECT DISTINCT value FROM json_each(@entityIds)) wanted CROSS JOIN entities e ON e.id = wanted.value
                WHERE e.user_row = {UserRow}
                """,
            // Driven by the list, as GetMany.
            MemoryStates = $"""
                SELECT e.id, e.memory_state FROM json_each(@entityIds) wanted CROSS JOIN entities e ON e.id = wanted.value
                WHERE e.user_row = {UserRow}
                """,
            // The row's rowid keys its full-text entry: returned by the update (an insert's is the connection's last).
            UpdateSnapshotReturns = "\nRETURNING rowid",
            SearchRowKey = $"SELECT rowid FROM entities WHERE user_row = {UserRow} AND id = @entityId",
            InEntityIds = InEntityIdList,
            // The row keeps no search text (0530): both full-text indexes are written from the text as the row is, and
            // SqliteFunctions.SearchTextOf computes it again where a hit is checked.
            KeepsSearchText = false,
            SearchDelete = "DELETE FROM entities_fts WHERE rowid = @rowId; DELETE FROM entities_words WHERE rowid = @rowId",
            SearchInsert = """
                INSERT INTO entities_fts (rowid, search_text) VALUES (@rowId, @searchText);
                INSERT INTO entities_words (rowid, search_text) VALUES (@rowId, @searchText)
                """,
            SearchInsertManyHeads = ["INSERT INTO entities_fts (rowid, search_text) VALUES", "INSERT INTO entities_words (rowid, search_text) VALUES"],
            // The rowid keys the full-text entry of each row inserted.
            InsertManyTail = "ON CONFLICT (id) DO NOTHING RETURNING id, rowid",
            TimelineDayEnd = "\uffff",
            DeleteBlockingKeys = ForgetBlockingKeys($"IN (SELECT rowid FROM entities WHERE user_row = {UserRow} AND id {InEntityIdList})"),
        },
        // Blocking keys name the user and the entity by rowid (migration 0035); an entity's id comes from its row. The keys
        // are one entry each, ordered by key; each keyed entity's marker lists them (migration 0540).
        Duplicates = new DuplicateSql
        {
            EntitiesOfUser = $"e.user_row = {UserRow}",
            MarkerOfEntity = "duplicate_keyed k ON k.entity_row = e.rowid",
            KeySnapshotAt = "e.updated_at",
            KeysOfType = $"duplicate_blocking_keys k JOIN entities e ON e.rowid = k.entity_row WHERE k.user_row = {UserRow} AND k.entity_type = @entityType",
            KeyEntityId = "e.id",
            KeyedUpTo = $"SELECT snapshot_at FROM duplicate_keyed_up_to WHERE user_row = {UserRow} AND entity_type = @entityType",
            NextNeighbours = $"""
                SELECT e.id FROM duplicate_blocking_keys k JOIN entities e ON e.rowid = k.entity_row
                WHERE k.user_row = {UserRow} AND k.entity_type = @entityType AND k.block_key > @key AND k.block_key < 's;'
                ORDER BY k.block_key LIMIT @neighbours + 0
                """,
            PreviousNeighbours = $"""
                SELECT e.id FROM duplicate_blocking_keys k JOIN entities e ON e.rowid = k.entity_row
                WHERE k.user_row = {UserRow} AND k.entity_type = @entityType AND k.block_key < @key AND k.block_key >= 's:'
                ORDER BY k.block_key DESC LIMIT @neighbours + 0
                """,
            DeleteKeys = ForgetBlockingKeys($"= (SELECT rowid FROM entities WHERE user_row = {UserRow} AND id = @entityId)"),
            InsertKey = $"""
                INSERT INTO duplicate_blocking_keys (user_row, entity_type, block_key, entity_row)
                VALUES ({UserRow}, @entityType, @key, (SELECT rowid FROM entities WHERE user_row = {UserRow} AND id = @entityId))
                ON CONFLICT DO NOTHING
                """,
            InsertMarker = $"""
                INSERT INTO duplicate_keyed (entity_row, user_row, entity_type, snapshot_at, observations, keys)
                VALUES ((SELECT rowid FROM entities WHERE user_row = {UserRow} AND id = @entityId), {UserRow}, @entityType, @snapshotAt,
                    @observations, @keys)
                ON CONFLICT (entity_row) DO UPDATE SET user_row = excluded.user_row, entity_type = excluded.entity_type,
                    snapshot_at = excluded.snapshot_at, observations = excluded.observations, keys = excluded.keys;
                INSERT INTO duplicate_keyed_up_to (user_row, entity_type, snapshot_at) VALUES ({UserRow}, @entityType, @snapshotAt)
                ON CONFLICT (user_row, entity_type) DO UPDATE SET snapshot_at = max(snapshot_at, excluded.snapshot_at)
                """,
        },
        Observations = new ObservationSql
        {
            User = ("user_row", UserRow),
            UserIdOf = UserIdOfRow,
            Run = RunLink.BySeq,
            Insert = $"""
                INSERT INTO observations (id, user_row, entity_id, entity_row, original_entity_id, source_id, run_row, run_id, kind, locator,
                    priority, state, fields_json, reason, observed_at, created_at)
                VALUES (@Id, {UserRow}, @EntityId, (SELECT rowid FROM entities WHERE id = @EntityId), '',
                    {ObservationSql.LeanSource("@SourceId", "@RunId")}, {RunLink.BySeq.WriteValues("@RunId")}, @Kind, @Locator, @Priority, @State,
                    {FieldsKeptOnce("@fieldsJson", "@EntityId")}, @Reason, @observedAt, nullif(@createdAt, @observedAt))
                ON CONFLICT (id) DO NOTHING
                """,
            FieldsOf = ObservationFields,
            OfEntity = OfEntityRow,
            // By the entity_row index, each entity's row found by its primary key.
            ListForEntitiesAtMigration350 = $"""
                SELECT {ObservationSql.ColumnsOf("observations", "user_id", column => column, ObservationFields, RunLink.ById)} FROM observations
                WHERE user_id = @UserId AND entity_row IN (SELECT rowid FROM entities WHERE user_id = @UserId AND id {InEntityIdList})
                ORDER BY seq
                """,
            OfEntities = $"{ObservationsOfUser} AND entity_row IN (SELECT rowid FROM entities WHERE user_row = {UserRow} AND id {InEntityIdList})",
            // Driven by the list, one primary-key probe per id, as entities' GetMany.
            GetMany = $"""
                SELECT {ObservationSql.ColumnsOf("o", "user_row", UserIdOfRow, ObservationFields, RunLink.BySeq)}
                FROM json_each(@observationIds) wanted CROSS JOIN observations o ON o.id = wanted.value
                WHERE o.{ObservationsOfUser}
                """,
            InsertManyHead = """
                INSERT INTO observations (id, user_row, entity_id, entity_row, original_entity_id, source_id, run_row, run_id, kind, locator,
                    priority, state, fields_json, reason, observed_at, created_at) VALUES
                """,
            InsertManyRow = $$"""
                (@Id{n}, {{UserRow}}, @EntityId{n}, (SELECT rowid FROM entities WHERE id = @EntityId{n}), '',
                    {{ObservationSql.LeanSource("@SourceId{n}", "@RunId{n}")}}, {{RunLink.BySeq.WriteValues("@RunId{n}")}}, @Kind{n}, @Locator{n}, @Priority{n}, @State{n},
                    {{FieldsKeptOnce("@fieldsJson{n}", "@EntityId{n}")}}, @Reason{n}, @observedAt{n}, nullif(@createdAt{n}, @observedAt{n}))
                """,
            Move = $"""
                UPDATE observations SET entity_id = @toEntityId, entity_row = (SELECT rowid FROM entities WHERE user_row = {UserRow} AND id = @toEntityId)
                WHERE {OfEntityRow}
                """,
            ListFragments = """
                SELECT id, user_id, source_id, run_id, entity_id, field, value_json, reason, created_at
                FROM raw_fragments WHERE user_id = @UserId AND run_id = @runId ORDER BY rowid
                """,
        },
        Evidence = new EvidenceSql
        {
            ForObservations = $"SELECT {EvidenceSql.Columns} FROM observation_evidence WHERE user_id = @UserId " +
                "AND observation_id IN (SELECT value FROM json_each(@observationIds)) ORDER BY observation_id, field",
        },
        // A key is the user's rowid, the hash's 16 bytes and the entity's rowid (migration 0032); the entity's id and
        // type come from its row. Hashes travel as the lower-case hex the rest of the code knows them by.
        EntityKeys = new EntityKeySql
        {
            Find = $"""
                SELECT lower(hex(k.key)) AS KeyHash, e.id AS EntityId, e.entity_type AS EntityType
                FROM json_each(@hashes) wanted
                CROSS JOIN entity_keys k ON k.user_row = {UserRow} AND k.key = unhex(wanted.value)
                JOIN entities e ON e.rowid = k.entity_row
                """,
            Add = $"""
                INSERT INTO entity_keys (user_row, key, entity_row)
                SELECT {UserRow}, unhex(json_extract(value, '$[0]')),
                    (SELECT rowid FROM entities WHERE user_row = {UserRow} AND id = json_extract(value, '$[1]'))
                FROM json_each(@rows) WHERE true
                ON CONFLICT DO NOTHING
                """,
            RemoveEntity = $"""
                DELETE FROM entity_keys
                WHERE entity_row = (SELECT rowid FROM entities WHERE user_row = {UserRow} AND id = @entityId)
                """,
        },
        Splits = new SplitSql
        {
            MergedInto = $"SELECT id FROM entities WHERE user_row = {UserRow} AND merged_into = @entityId ORDER BY id",
            Reopen = $"UPDATE entities SET merged_into = NULL, merged_at = NULL WHERE user_row = {UserRow} AND id = @entityId",
            Move = $"""
                UPDATE observations SET entity_id = @toEntityId,
                    entity_row = (SELECT rowid FROM entities WHERE user_row = {UserRow} AND id = @toEntityId)
                WHERE {ObservationsOfUser} AND entity_id = @fromEntityId AND id IN (SELECT value FROM json_each(@ids))
                """,
            FirstWrittenTo = $"""
                SELECT id FROM observations
                WHERE {OfEntityRow}
                  AND {ObservationSql.OriginalOf()} IN (SELECT value FROM json_each(@originals))
                ORDER BY seq
                """,
        },
    };

    private SqliteDialect()
    {
    }

    public override string Name => "sqlite";

    public override object Time(DateTimeOffset value) => StoredTime.ToText(value);

    public override object LeanTime(DateTimeOffset value) => StoredTime.Microseconds(value);

    /// <summary>A JSON array, which <c>json_each</c> reads back: SQLite has no array parameters.</summary>
    public override object TextList(IReadOnlyCollection<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values) writer.WriteStringValue(value);
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
