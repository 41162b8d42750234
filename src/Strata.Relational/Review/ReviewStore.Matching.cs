using Dapper;
using Strata.Core.Review;

namespace Strata.Relational.Review;

/// <summary>The filtered list of a run's blocks (<see cref="ReviewSql.MatchWhere"/>).</summary>
internal sealed partial class ReviewStore
{
    public async Task<IReadOnlyList<MatchedBlock>> ListMatchingAsync(string runId, string documentId, BlockValueQuery query, int afterIndex,
        int offset, int limit, CancellationToken cancellationToken)
    {
        var items = (await scope.Connection.QueryAsync<MatchRow>(Sql.ListMatching(query),
            Parameters(runId, documentId, query, new { afterIndex, offset, limit }), scope.Transaction)).ToList();
        if (items.Count == 0) return [];
        var values = (await scope.Connection.QueryAsync<ValueRow>(Sql.ValuesAt,
            new { scope.UserId, runId, indexes = items.Select(i => i.ItemIndex).ToArray() }, scope.Transaction)).ToDictionary(r => r.BlockIndex, r => r.ToValue());
        return items.Select(i => new MatchedBlock(i.ItemIndex, i.ItemStatus, values.GetValueOrDefault(i.ItemIndex))).ToList();
    }

    public async Task<int> CountMatchingAsync(string runId, string documentId, BlockValueQuery query, CancellationToken cancellationToken) =>
        (int)await scope.Connection.ExecuteScalarAsync<long>(Sql.CountMatching(query), Parameters(runId, documentId, query, null), scope.Transaction);

    private DynamicParameters Parameters(string runId, string documentId, BlockValueQuery query, object? paging)
    {
        var parameters = new DynamicParameters(new { scope.UserId, runId, documentId });
        if (paging is not null) parameters.AddDynamicParams(paging);
        if (query.State is not null) parameters.Add("state", query.State);
        if (query.BlockType is not null) parameters.Add("blockType", query.BlockType);
        if (query.Field is not null)
        {
            parameters.Add("field", query.Field);
            parameters.Add("fieldPath", "$.\"" + query.Field + "\"");
        }
        if (query.EqualsText is not null) parameters.Add("equals", query.EqualsText);
        if (query.Contains is not null) parameters.Add("pattern", "%" + Escape(query.Contains) + "%");
        return parameters;
    }

    /// <summary>The text taken literally by LIKE: its own %, _ and \ escaped with \.</summary>
    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private sealed class MatchRow
    {
        public int ItemIndex { get; set; }
        public string ItemStatus { get; set; } = "";
    }
}
