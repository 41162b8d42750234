using Strata.Relational.Runs;

namespace Strata.Relational.Relations;

/// <summary>The relation_observations table's SQL. The defaults are the text both databases accept; a dialect overrides
/// only what differs (how a list parameter is read, how a row names its user).</summary>
internal sealed record RelationSql
{
    /// <summary>The columns of a row named <c>t</c>.</summary>
    private string Columns => _columns ??= $"""
        t.id AS Id, t.from_entity_id AS FromEntityId, t.relation_type AS RelationType, t.to_entity_id AS ToEntityId, t.state AS State,
        t.properties_json AS PropertiesJson, t.valid_from AS ValidFrom, t.valid_to AS ValidTo, t.effective_at AS EffectiveAt,
        t.observed_at AS ObservedAt, t.priority AS Priority, {Run.IdOf("t")} AS RunId, {SourceOf("t")} AS SourceId
        """;

    private string? _columns;

    /// <summary>How a row names its run: by id, or on SQLite since migration 0550 by the run's number.</summary>
    public RunLink Run { get; init; } = RunLink.ById;

    /// <summary>The column of relation_observations that names the row's user, and what the session's user is there: the
    /// user's id, or on SQLite since migration 0500 the user's rowid (found once per statement by the users' key).</summary>
    public (string Column, string Value) User { get; init; } = ("user_id", "@UserId");

    /// <summary>The session user's rows of relation_observations (named <paramref name="r"/>, or unnamed).</summary>
    private string OfUser(string? r = null) => $"{(r is null ? "" : r + ".")}{User.Column} = {User.Value}";

    /// <summary>How the entities table names the row's user, and the session's user there (<see cref="Entities.EntitySql.User"/>):
    /// the ends' names are read from it.</summary>
    public (string Column, string Value) EntityUser { get; init; } = ("user_id", "@UserId");

    /// <summary>The session user's entity rows named <paramref name="e"/>.</summary>
    private string EntityOfUser(string e) => $"{e}.{EntityUser.Column} = {EntityUser.Value}";

    private string? _insert;

    /// <summary>The source of the row named <paramref name="r"/>: a row leaves it out ('') where it is its run's source
    /// (migration 0380; a relation observation always has a source), read back through the run. Runs outlive the relation
    /// observations that leave their source out: forgetting a run writes it back into them first (<see cref="KeepSourcesOfRun"/>).</summary>
    public string SourceOf(string r) =>
        $"CASE WHEN {r}.source_id = '' THEN {Run.SourceOfRun(r)} ELSE {r}.source_id END";

    /// <summary>The source as a row keeps it, from the parameters <paramref name="source"/> and <paramref name="run"/>:
    /// '' when it is the run's source, else the id (<see cref="SourceOf"/> reads back what was written).</summary>
    public static string LeanSource(string source, string run) =>
        $"CASE WHEN CAST({source} AS TEXT) = (SELECT source_id FROM runs WHERE id = CAST({run} AS TEXT)) THEN '' ELSE CAST({source} AS TEXT) END";

    /// <summary>The end an observation of the row named <paramref name="r"/> was first written to (<paramref name="end"/>:
    /// from or to): a row leaves it out ('') while it is the end the row names now, until a merge moves that end
    /// (<see cref="MoveFrom"/>, <see cref="RestoreFrom"/>).</summary>
    public static string OriginalOf(string r, string end) =>
        $"CASE WHEN {r}.original_{end}_entity_id = '' THEN {r}.{end}_entity_id ELSE {r}.original_{end}_entity_id END";

    /// <summary>Before a run is forgotten: the relation observations it leaves behind keep its source in their own row, and
    /// where a row names its run by number (SQLite, 0550) the run's id too. The user's relation observations are walked
    /// (no index by run since migration 0385: nothing else reads them by run, and forgetting is rare next to the writes
    /// that index cost).</summary>
    public string KeepSourcesOfRun => Run.DetachFrom("@runId") is { } detach
        ? $"""
            UPDATE relation_observations
            SET source_id = CASE WHEN source_id = '' THEN (SELECT r.source_id FROM runs r WHERE r.id = @runId) ELSE source_id END, {detach}
            WHERE {OfUser()} AND {Run.IsRun("@runId")}
            """
        : $"""
            UPDATE relation_observations SET source_id = (SELECT r.source_id FROM runs r WHERE r.id = @runId)
            WHERE {OfUser()} AND run_id = @runId AND source_id = ''
            """;

    /// <summary>After an archive's row is loaded: left out again what the layout leaves out (an archive carries every column
    /// written out, <see cref="ArchiveRows"/>).</summary>
    public string CompactImported => $"""
        UPDATE relation_observations SET
            original_from_entity_id = CASE WHEN original_from_entity_id = from_entity_id THEN '' ELSE original_from_entity_id END,
            original_to_entity_id = CASE WHEN original_to_entity_id = to_entity_id THEN '' ELSE original_to_entity_id END,
            source_id = CASE WHEN source_id = (SELECT r.source_id FROM runs r WHERE r.id = relation_observations.run_id) THEN '' ELSE source_id END
            {Run.AttachImported("relation_observations")}
        WHERE {OfUser()} AND id = @c_id
        """;

    /// <summary>The archive's rows: every column as the first layout kept it (both ends' originals and the source
    /// written out), so an archive reads the same whichever layout wrote it.</summary>
    public string ArchiveRows => ArchiveRowsOf(column => column);

    /// <summary><see cref="ArchiveRows"/> with each time read through <paramref name="time"/> (the archive's text of a
    /// database that keeps them as integers, SQLite since 0440).</summary>
    public string ArchiveRowsOf(Func<string, string> time) => $"""
        SELECT o.id, o.from_entity_id, o.relation_type, o.to_entity_id, {OriginalOf("o", "from")} AS original_from_entity_id,
            {OriginalOf("o", "to")} AS original_to_entity_id, o.state, o.properties_json, {time("o.valid_from")} AS valid_from,
            {time("o.valid_to")} AS valid_to, {time("o.effective_at")} AS effective_at, {time("o.observed_at")} AS observed_at,
            o.priority, {Run.IdOf("o")} AS run_id, {SourceOf("o")} AS source_id
        FROM relation_observations o WHERE {OfUser("o")} ORDER BY o.seq
        """;

    private string Ranked => $"""
        id, from_entity_id, relation_type, to_entity_id, state, properties_json, valid_from, valid_to, effective_at, observed_at,
        priority, {Run.RawColumns}, source_id,
        ROW_NUMBER() OVER (PARTITION BY from_entity_id, relation_type, to_entity_id ORDER BY priority DESC, observed_at DESC, seq DESC) AS rank
        """;

    /// <summary><see cref="Ranked"/> for the half read by target: the same partitions named in the order of the target
    /// index (migration 0200), so SQLite walks that index for the frontier rather than every relation of the user in
    /// source order to spare itself a sort.</summary>
    private string RankedByTarget => $"""
        id, from_entity_id, relation_type, to_entity_id, state, properties_json, valid_from, valid_to, effective_at, observed_at,
        priority, {Run.RawColumns}, source_id,
        ROW_NUMBER() OVER (PARTITION BY to_entity_id, relation_type, from_entity_id ORDER BY priority DESC, observed_at DESC, seq DESC) AS rank
        """;

    /// <summary>The observations touching @entityIds at either end in effect by @at, ranked per relation: the two halves
    /// use one index each (an OR would walk the table).</summary>
    private string Touching => $"""
        SELECT {Ranked} FROM relation_observations
        WHERE {OfUser()} AND effective_at <= @at AND from_entity_id {InEntityIds}
        UNION ALL
        SELECT {RankedByTarget} FROM relation_observations
        WHERE {OfUser()} AND effective_at <= @at AND to_entity_id {InEntityIds} AND NOT (from_entity_id {InEntityIds})
        """;

    /// <summary>Forgetting entities (@entityIds) forgets every relation each is or was an end of (docs/graph.md).</summary>
    public string DeleteTouching => $"""
        DELETE FROM relation_observations WHERE {OfUser()} AND (from_entity_id {InEntityIds} OR to_entity_id {InEntityIds}
            OR original_from_entity_id {InEntityIds} OR original_to_entity_id {InEntityIds})
        """;

    /// <summary>How a statement names the entities in @entityIds (a list as <see cref="SqlDialect.TextList"/> writes it).</summary>
    public string InEntityIds { get; init; } = "= ANY(@entityIds)";

    /// <summary>How a statement names the terms in @terms (a list as <see cref="SqlDialect.TextList"/> writes it).</summary>
    public string InTerms { get; init; } = "= ANY(@terms)";

    /// <summary>The terms of the observations just inserted (<see cref="Strata.Core.Relations.RelationTerms"/>): @ids and
    /// @terms are lists of one length, pairwise; one statement per write, whatever its size.</summary>
    public string InsertTerms { get; init; } = """
        INSERT INTO relation_terms (user_id, term, observation_id)
        SELECT @UserId, pair.term, pair.id FROM unnest(@ids, @terms) AS pair(id, term)
        ON CONFLICT DO NOTHING
        """;

    /// <summary><see cref="InsertTerms"/> as the table was when migration 0250 made it, for that migration's backfill
    /// (<see cref="RelationTermBackfill"/>) on a store upgraded through it; null where the table still has that form.</summary>
    public string? InsertTermsAtMigration250 { get; init; }

    /// <summary>Which of relation_terms' rows are the session user's: by user id, or by the user's rowid (SQLite 0490).</summary>
    public string TermsOfUser { get; init; } = "user_id = @UserId";

    /// <summary>The column of relation_terms that names an observation, and the column of relation_observations it names:
    /// the id, or the seq (SQLite 0490).</summary>
    public (string Term, string Observation) TermNamesObservation { get; init; } = ("observation_id", "id");

    /// <summary>The bounded read of the term index behind <see cref="ByTermsText"/>, in the index's order (the observations'
    /// ids here; their seqs, the order they were written in, on SQLite).</summary>
    private string TermHits => $"""
        SELECT {TermNamesObservation.Term} AS hit FROM relation_terms WHERE {TermsOfUser} AND term {InTerms}
        ORDER BY term, {TermNamesObservation.Term} LIMIT @postings + 0
        """;

    /// <summary>Whether the term index holds more than @postings rows for @terms (the read was cut).</summary>
    public string TermPostingsOver => $"""
        SELECT COUNT(*) FROM (SELECT 1 FROM relation_terms WHERE {TermsOfUser} AND term {InTerms} LIMIT @postings + 1) hits
        """;

    /// <summary>The relations whose observations the term index names for @terms, every observation of each (the reduction
    /// needs them all, whichever was indexed) through the endpoint index by the whole key, as text when they hold at @at.</summary>
    public string ByTermsText => Text($"""
        SELECT {Ranked} FROM (
            SELECT r.* FROM (
                SELECT DISTINCT o.from_entity_id, o.relation_type, o.to_entity_id
                FROM ({TermHits}) hit JOIN relation_observations o ON o.{TermNamesObservation.Observation} = hit.hit
                WHERE {OfUser("o")}) k
            JOIN relation_observations r ON {OfUser("r")} AND r.from_entity_id = k.from_entity_id
                AND r.relation_type = k.relation_type AND r.to_entity_id = k.to_entity_id) related
        WHERE effective_at <= @at
        """);

    /// <summary>A new row names its ends as first written by '' (<see cref="OriginalOf"/>) and its run's source by ''
    /// (<see cref="SourceOf"/>).</summary>
    public string Insert => _insert ??= $"""
        INSERT INTO relation_observations (id, {User.Column}, from_entity_id, relation_type, to_entity_id, original_from_entity_id,
            original_to_entity_id, state, properties_json, valid_from, valid_to, effective_at, observed_at, priority, {Run.WriteColumns}, source_id)
        VALUES (@Id, {User.Value}, @FromEntityId, @RelationType, @ToEntityId, '', '', @State, @PropertiesJson,
            @validFrom, @validTo, @effectiveAt, @observedAt, @Priority, {Run.WriteValues("@RunId")}, {LeanSource("@SourceId", "@RunId")})
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>Every observation of a relation has both its ends, so selecting by either end keeps each relation's
    /// observations whole for the reduction.</summary>
    public string Holding => $"""
        WITH touching AS ({Touching})
        SELECT {Columns} FROM touching t
        WHERE rank = 1 AND state = 'asserted' AND (valid_from IS NULL OR valid_from <= @at) AND (valid_to IS NULL OR valid_to > @at)
        ORDER BY relation_type, from_entity_id, to_entity_id
        """;

    /// <summary><see cref="Holding"/> of the types starting with @typePrefix, each end named by its kept profile name, or
    /// where it has none by its fields (<see cref="Strata.Core.Relations.RelationWithEndNames"/>): each end one probe of
    /// the entities' primary key.</summary>
    public string HoldingWithEndNames => $$"""
        WITH touching AS ({{Touching}})
        SELECT t.from_entity_id AS FromEntityId, t.relation_type AS RelationType, t.to_entity_id AS ToEntityId,
            f.memory_name AS FromMemoryName, CASE WHEN f.memory_name IS NULL THEN f.fields_json END AS FromFieldsJson,
            o.memory_name AS ToMemoryName, CASE WHEN o.memory_name IS NULL THEN o.fields_json END AS ToFieldsJson
        FROM touching t
        LEFT JOIN entities f ON f.id = t.from_entity_id AND {{EntityOfUser("f")}}
        LEFT JOIN entities o ON o.id = t.to_entity_id AND {{EntityOfUser("o")}}
        WHERE t.rank = 1 AND t.state = 'asserted' AND (t.valid_from IS NULL OR t.valid_from <= @at) AND (t.valid_to IS NULL OR t.valid_to > @at)
            AND substr(t.relation_type, 1, length(@typePrefix)) = @typePrefix
        """;

    /// <summary>Every observation of the user's relations of the types starting with @typePrefix, each relation's in the
    /// order <see cref="Ranked"/> ranks them.</summary>
    public string OfTypePrefix => $"""
        SELECT from_entity_id, relation_type, to_entity_id, state, effective_at, valid_from, valid_to FROM relation_observations
        WHERE {OfUser()} AND substr(relation_type, 1, length(@typePrefix)) = @typePrefix
        ORDER BY from_entity_id, relation_type, to_entity_id, priority DESC, observed_at DESC, seq DESC
        """;

    public string NamedEnds { get; init; } = """
        SELECT id AS EntityId, entity_type AS EntityType, canonical_name AS CanonicalName, fields_json AS FieldsJson
        FROM entities WHERE user_id = @UserId AND id = ANY(@entityIds)
        """;

    public string History => $"""
        SELECT {Columns} FROM relation_observations t
        WHERE {OfUser()} AND from_entity_id = @fromEntityId AND relation_type = @relationType AND to_entity_id = @toEntityId
        ORDER BY observed_at, seq
        """;

    /// <summary>A merge moves the end; a row that left its first end out ('') writes it down first.</summary>
    public string MoveFrom => $"""
        UPDATE relation_observations SET from_entity_id = @intoEntityId,
            original_from_entity_id = CASE WHEN original_from_entity_id = '' THEN from_entity_id ELSE original_from_entity_id END
        WHERE {OfUser()} AND from_entity_id = @fromEntityId
        """;

    public string MoveTo => $"""
        UPDATE relation_observations SET to_entity_id = @intoEntityId,
            original_to_entity_id = CASE WHEN original_to_entity_id = '' THEN to_entity_id ELSE original_to_entity_id END
        WHERE {OfUser()} AND to_entity_id = @fromEntityId
        """;

    /// <summary>An unmerge puts the end back where it was first written, which the row then leaves out again ('').</summary>
    public string RestoreFrom => $"""
        UPDATE relation_observations SET from_entity_id = original_from_entity_id, original_from_entity_id = ''
        WHERE {OfUser()} AND from_entity_id = @currentEntityId AND original_from_entity_id = @originalEntityId
        """;

    public string RestoreTo => $"""
        UPDATE relation_observations SET to_entity_id = original_to_entity_id, original_to_entity_id = ''
        WHERE {OfUser()} AND to_entity_id = @currentEntityId AND original_to_entity_id = @originalEntityId
        """;

    /// <summary>The newest relations touching @entityIds that hold at @at, with their endpoints' names: the two halves of
    /// <see cref="Holding"/>, each on its endpoint index.</summary>
    public string ListText => Text(Touching);

    /// <summary>One relation (@fromEntityId, @relationType, @toEntityId) as text when it holds at @at.</summary>
    public string OneText => Text($"""
        SELECT {Ranked} FROM relation_observations
        WHERE {OfUser()} AND effective_at <= @at AND from_entity_id = @fromEntityId AND relation_type = @relationType
            AND to_entity_id = @toEntityId
        """);

    /// <summary>The holding relations among the observations <paramref name="touching"/> selects (ranked per relation), with
    /// their endpoints' names (an endpoint with no entity yet keeps its id), newest observed first, at most @limit.</summary>
    private string Text(string touching) => $"""
        WITH touching AS ({touching})
        SELECT r.id AS ObservationId, r.from_entity_id AS FromEntityId, r.relation_type AS RelationType, r.to_entity_id AS ToEntityId,
            {Run.IdOf("r")} AS RunId, {SourceOf("r")} AS SourceId, r.observed_at AS ObservedAt, r.properties_json AS PropertiesJson,
            r.valid_from AS ValidFrom, r.valid_to AS ValidTo,
            COALESCE(f.canonical_name, r.from_entity_id) AS FromName, COALESCE(t.canonical_name, r.to_entity_id) AS ToName
        FROM touching r
        LEFT JOIN entities f ON {EntityOfUser("f")} AND f.id = r.from_entity_id
        LEFT JOIN entities t ON {EntityOfUser("t")} AND t.id = r.to_entity_id
        WHERE r.rank = 1 AND r.state = 'asserted' AND (r.valid_from IS NULL OR r.valid_from <= @at) AND (r.valid_to IS NULL OR r.valid_to > @at)
        ORDER BY r.observed_at DESC, r.id
        LIMIT @limit + 0
        """;
}
