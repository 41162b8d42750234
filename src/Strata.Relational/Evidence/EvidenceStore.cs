using Dapper;
using Strata.Core;
using Strata.Core.Llm;

namespace Strata.Relational.Evidence;

/// <summary>Evidence of one user's observations, on either database.</summary>
internal sealed class EvidenceStore(StoreScope scope) : IEvidenceStore
{
    private EvidenceSql Sql => scope.Dialect.Evidence;

    public async Task<int> InsertManyAsync(IReadOnlyList<ObservationEvidence> evidence, CancellationToken cancellationToken)
    {
        var inserted = 0;
        foreach (var row in evidence)
        {
            inserted += await scope.Connection.ExecuteAsync(Sql.Insert,
                new { scope.UserId, row.ObservationId, row.Field, row.RunId, row.ItemIndex, row.Quote, row.Found, row.Start, row.Length, row.Match },
                scope.Transaction);
        }
        return inserted;
    }

    public async Task<IReadOnlyList<ObservationEvidence>> ListForObservationAsync(string observationId, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<EvidenceRow>(
            $"SELECT {EvidenceSql.Columns} FROM observation_evidence WHERE user_id = @UserId AND observation_id = @observationId ORDER BY field",
            new { scope.UserId, observationId }, scope.Transaction)).Select(r => r.ToEvidence()).ToList();

    public async Task<IReadOnlyList<ObservationEvidence>> ListForObservationsAsync(IReadOnlyCollection<string> observationIds,
        CancellationToken cancellationToken)
    {
        if (observationIds.Count == 0) return [];
        return (await scope.Connection.QueryAsync<EvidenceRow>(Sql.ForObservations,
            new { scope.UserId, observationIds = scope.Dialect.TextList(observationIds) }, scope.Transaction)).Select(r => r.ToEvidence()).ToList();
    }

    public async Task<(IReadOnlyList<ObservationEvidence> Items, int Total)> ListForRunAsync(string runId, Paging paging, CancellationToken cancellationToken)
    {
        var rows = await scope.Connection.QueryAsync<EvidenceRow>(
            $"SELECT {EvidenceSql.Columns} FROM observation_evidence WHERE user_id = @UserId AND run_id = @runId " +
            "ORDER BY item_index, observation_id, field LIMIT @Limit + 0 OFFSET @Offset",
            new { scope.UserId, runId, paging.Limit, paging.Offset }, scope.Transaction);
        var total = await scope.Connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM observation_evidence WHERE user_id = @UserId AND run_id = @runId", new { scope.UserId, runId }, scope.Transaction);
        return (rows.Select(r => r.ToEvidence()).ToList(), total);
    }

    private sealed class EvidenceRow
    {
        public string ObservationId { get; set; } = "";
        public string Field { get; set; } = "";
        public string RunId { get; set; } = "";
        public int ItemIndex { get; set; }
        public string Quote { get; set; } = "";

        /// <summary>A boolean on PostgreSQL, an integer on SQLite.</summary>
        public object Found { get; set; } = false;
        public int? CharStart { get; set; }
        public int? CharLength { get; set; }
        public string Match { get; set; } = "";

        public ObservationEvidence ToEvidence() => new(ObservationId, Field, RunId, ItemIndex, Quote,
            Convert.ToBoolean(Found, System.Globalization.CultureInfo.InvariantCulture), CharStart, CharLength, Match);
    }
}
