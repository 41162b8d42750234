using Strata.Core.MemoryServer;
using Dapper;
using Strata.Core.Relations;

namespace Strata.Relational.Relations;

/// <summary>Observations of relations of one user, on either database.</summary>
internal sealed class RelationStore(StoreScope scope) : IRelationStore
{
    private RelationSql Sql => scope.Dialect.Relations;

    public async Task<int> InsertAsync(IReadOnlyList<RelationObservation> observations, CancellationToken cancellationToken)
    {
        var inserted = 0;
        foreach (var o in observations)
        {
            inserted += await scope.Connection.ExecuteAsync(Sql.Insert, new
            {
                o.Id, scope.UserId, o.FromEntityId, o.RelationType, o.ToEntityId, o.State, o.PropertiesJson,
                validFrom = scope.LeanTime(o.ValidFrom), validTo = scope.LeanTime(o.ValidTo), effectiveAt = scope.LeanTime(o.EffectiveAt),
                observedAt = scope.LeanTime(o.ObservedAt), o.Priority, o.RunId, o.SourceId,
            }, scope.Transaction);
        }
        await InsertTermsAsync(observations);
        return inserted;
    }

    /// <summary>Every term of every observation in one statement (an observation already stored keeps its rows: the
    /// conflict leaves them), in the caller's transaction: a relation is searchable by its words the moment it is written.</summary>
    private async Task InsertTermsAsync(IReadOnlyList<RelationObservation> observations)
    {
        var (ids, terms) = RelationTermRows.Of(observations.Select(o => (o.Id, o.RelationType, o.PropertiesJson)));
        if (ids.Count == 0) return;
        await scope.Connection.ExecuteAsync(Sql.InsertTerms,
            new { scope.UserId, ids = scope.Dialect.TextList(ids), terms = scope.Dialect.TextList(terms) }, scope.Transaction);
    }

    public async Task<IReadOnlyList<RelationObservation>> HoldingAsync(IReadOnlyCollection<string> entityIds, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        if (entityIds.Count == 0) return [];
        var rows = await scope.Connection.QueryAsync<RelationRow>(Sql.Holding,
            new { scope.UserId, entityIds = scope.Dialect.TextList(entityIds), at = scope.LeanTime(at) }, scope.Transaction);
        return rows.Select(row => row.ToObservation()).ToList();
    }

    public async Task<IReadOnlyList<NamedEnd>> NamedEndsAsync(IReadOnlyCollection<string> entityIds, CancellationToken cancellationToken)
    {
        if (entityIds.Count == 0) return [];
        return (await scope.Connection.QueryAsync<NamedEnd>(Sql.NamedEnds, new { scope.UserId, entityIds = scope.Dialect.TextList(entityIds) },
            scope.Transaction)).ToList();
    }

    public async Task<IReadOnlyList<RelationWithEndNames>> HoldingWithEndNamesAsync(IReadOnlyCollection<string> entityIds, string typePrefix,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (entityIds.Count == 0) return [];
        var relations = new List<RelationWithEndNames>();
        // Read by position: a column of NULLs alone has no type Dapper could match to the record.
        await using var reader = await scope.Statement(Sql.HoldingWithEndNames).Bind("@UserId", scope.UserId)
            .Bind("@entityIds", scope.Dialect.TextList(entityIds)).Bind("@at", scope.LeanTime(at)).Bind("@typePrefix", typePrefix)
            .ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            relations.Add(new RelationWithEndNames(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetNullableString(3),
                reader.GetNullableString(4), reader.GetNullableString(5), reader.GetNullableString(6)));
        }
        return relations;
    }

    public async Task<IReadOnlyList<MemoryRelationRow>?> ListOfTypePrefixAsync(string typePrefix, long maxBytes, CancellationToken cancellationToken)
    {
        var rows = new List<MemoryRelationRow>();
        long bytes = 0;
        await using var reader = await scope.Statement(Sql.OfTypePrefix).Bind("@UserId", scope.UserId).Bind("@typePrefix", typePrefix)
            .ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new MemoryRelationRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3) == "asserted",
                StoredTime.Read(reader.GetValue(4)), StoredTime.ReadNullable(reader.IsDBNull(5) ? null : reader.GetValue(5)),
                StoredTime.ReadNullable(reader.IsDBNull(6) ? null : reader.GetValue(6)));
            bytes += row.EstimatedBytes;
            if (bytes > maxBytes) return null;
            rows.Add(row);
        }
        return rows;
    }

    public async Task<IReadOnlyList<RelationObservation>> HistoryAsync(string fromEntityId, string relationType, string toEntityId,
        CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<RelationRow>(Sql.History, new { scope.UserId, fromEntityId, relationType, toEntityId },
            scope.Transaction)).Select(row => row.ToObservation()).ToList();

    public async Task<int> MoveEndpointsAsync(string fromEntityId, string intoEntityId, CancellationToken cancellationToken)
    {
        var parameters = new { scope.UserId, fromEntityId, intoEntityId };
        return await scope.Connection.ExecuteAsync(Sql.MoveFrom, parameters, scope.Transaction)
            + await scope.Connection.ExecuteAsync(Sql.MoveTo, parameters, scope.Transaction);
    }

    public async Task<int> RestoreEndpointsAsync(string originalEntityId, string currentEntityId, CancellationToken cancellationToken)
    {
        var parameters = new { scope.UserId, originalEntityId, currentEntityId };
        return await scope.Connection.ExecuteAsync(Sql.RestoreFrom, parameters, scope.Transaction)
            + await scope.Connection.ExecuteAsync(Sql.RestoreTo, parameters, scope.Transaction);
    }

    public async Task<IReadOnlyList<RelationText>> ListTextAsync(IReadOnlyCollection<string> entityIds, DateTimeOffset at, int limit,
        CancellationToken cancellationToken)
    {
        if (entityIds.Count == 0 || limit <= 0) return [];
        return await TextAsync(Sql.ListText, new { scope.UserId, entityIds = scope.Dialect.TextList(entityIds), at = scope.LeanTime(at), limit });
    }

    public async Task<RelationTermMatches> FindByTermsAsync(IReadOnlyCollection<string> terms, DateTimeOffset at, int postings, int limit,
        CancellationToken cancellationToken)
    {
        if (terms.Count == 0 || limit <= 0 || postings <= 0) return new RelationTermMatches([], false);
        var list = scope.Dialect.TextList(terms);
        var relations = await TextAsync(Sql.ByTermsText, new { scope.UserId, terms = list, at = scope.LeanTime(at), postings, limit });
        var over = await scope.Connection.ExecuteScalarAsync<long>(Sql.TermPostingsOver, new { scope.UserId, terms = list, postings },
            scope.Transaction);
        return new RelationTermMatches(relations, over > postings);
    }

    public async Task<RelationText?> TextOfAsync(string fromEntityId, string relationType, string toEntityId, DateTimeOffset at,
        CancellationToken cancellationToken) =>
        (await TextAsync(Sql.OneText, new { scope.UserId, fromEntityId, relationType, toEntityId, at = scope.LeanTime(at), limit = 1 })).SingleOrDefault();

    private async Task<IReadOnlyList<RelationText>> TextAsync(string sql, object parameters) =>
        (await scope.Connection.QueryAsync<TextRow>(sql, parameters, scope.Transaction))
        .Select(row => new RelationText($"{row.FromName} {row.RelationType} {row.ToName}", row.FromEntityId, row.RelationType,
            row.ToEntityId, row.ObservationId, row.RunId, row.SourceId, StoredTime.Read(row.ObservedAt), row.PropertiesJson,
            StoredTime.ReadNullable(row.ValidFrom), StoredTime.ReadNullable(row.ValidTo)))
        .ToList();

    /// <summary>One row as either database returns it; times are <see cref="object"/> (see <see cref="StoredTime"/>).</summary>
    private sealed class RelationRow
    {
        public string Id { get; set; } = "";
        public string FromEntityId { get; set; } = "";
        public string RelationType { get; set; } = "";
        public string ToEntityId { get; set; } = "";
        public string State { get; set; } = "";
        public string PropertiesJson { get; set; } = "{}";
        public object? ValidFrom { get; set; }
        public object? ValidTo { get; set; }
        public object EffectiveAt { get; set; } = "";
        public object ObservedAt { get; set; } = "";
        public int Priority { get; set; }
        public string RunId { get; set; } = "";
        public string SourceId { get; set; } = "";

        public RelationObservation ToObservation() => new(Id, FromEntityId, RelationType, ToEntityId, State, PropertiesJson,
            StoredTime.ReadNullable(ValidFrom), StoredTime.ReadNullable(ValidTo), StoredTime.Read(EffectiveAt), StoredTime.Read(ObservedAt),
            Priority, RunId, SourceId);
    }

    private sealed class TextRow
    {
        public string ObservationId { get; set; } = "";
        public string FromEntityId { get; set; } = "";
        public string RelationType { get; set; } = "";
        public string ToEntityId { get; set; } = "";
        public string RunId { get; set; } = "";
        public string SourceId { get; set; } = "";
        public object ObservedAt { get; set; } = "";
        public string PropertiesJson { get; set; } = "{}";
        public object? ValidFrom { get; set; }
        public object? ValidTo { get; set; }
        public string FromName { get; set; } = "";
        public string ToName { get; set; } = "";
    }
}
