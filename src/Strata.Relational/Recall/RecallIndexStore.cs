using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Strata.Core.Recall;
using Strata.Core.Documents;
using Strata.Core.Storage;

namespace Strata.Relational.Recall;

/// <summary>The recall word index of one user, on either database: units and postings written in the caller's
/// transaction (postings in multi-row statements), read one term at a time.</summary>
internal sealed partial class RecallIndexStore(StoreScope scope) : IRecallIndexStore
{
    private RecallSql Sql => scope.Dialect.Recall;

    public async Task AddAsync(IReadOnlyList<RecallUnit> units, CancellationToken cancellationToken)
    {
        await RowBatches.InsertAsync(scope, Sql.InsertUnitsHead, Sql.InsertUnitsRow, Sql.InsertRowsTail, RecallSql.UnitColumns, units,
            static (u, column) => column switch { 0 => u.DocumentId, 1 => u.BlockIndex, 2 => u.Kind, 3 => u.At, _ => u.Length }, cancellationToken);
        var postings = units.SelectMany(u => u.Terms.Select(t => (Unit: u, Term: t.Key, Count: t.Value))).ToList();
        await RowBatches.InsertAsync(scope, Sql.InsertPostingsHead, Sql.InsertPostingsRow, Sql.InsertRowsTail, RecallSql.PostingColumns, postings,
            static (p, column) => column switch
            {
                0 => p.Term, 1 => p.Unit.DocumentId, 2 => p.Unit.BlockIndex, 3 => p.Unit.Kind, 4 => p.Unit.At, 5 => p.Unit.Length, 6 => p.Count.Text,
                _ => p.Count.Meta,
            }, cancellationToken);
    }

    public async Task<RecallStatistics> StatisticsAsync(CancellationToken cancellationToken)
    {
        using var reader = await scope.Connection.ExecuteReaderAsync(Sql.Statistics, new { scope.UserId }, scope.Transaction);
        await reader.ReadAsync(cancellationToken);
        return new RecallStatistics(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
    }

    public async Task<PendingDocuments> PendingDocumentsAsync(CancellationToken cancellationToken)
    {
        using var reader = await scope.Connection.ExecuteReaderAsync(Sql.PendingDocuments, new { scope.UserId }, scope.Transaction);
        await reader.ReadAsync(cancellationToken);
        return new PendingDocuments(Int(reader, 0), Int(reader, 1));
    }

    public Task<string?> NextPendingDocumentAsync(CancellationToken cancellationToken) =>
        scope.Connection.ExecuteScalarAsync<string?>(Sql.NextPendingDocument, new { scope.UserId }, scope.Transaction);

    public Task MarkDocumentIndexedAsync(string documentId, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.MarkDocumentIndexed, new { scope.UserId, documentId }, scope.Transaction);

    public Task ClearIndexedDocumentsAsync(CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.ClearIndexedDocuments, new { scope.UserId }, scope.Transaction);

    public async Task<IReadOnlyList<RecallPosting>?> PostingsAsync(string term, RecallFilter filter, int cap, CancellationToken cancellationToken)
    {
        // The hottest read of a question: prepared statements (one text per combination of the filter's conditions) and
        // typed column reads rather than the SQL mapper's boxed values.
        var conditions = new StringBuilder();
        var values = new List<(string Name, object Value)>(4);
        AppendFilter(conditions, (name, value) => values.Add((name, value)), filter, "", Sql.ProjectCondition);

        // Counted first, in the database: a word over the cap (a year every message of it carries) is left unscored, and
        // reading its cap + 1 rows through the driver only to drop them was a question's largest single cost.
        var count = Bound(scope.Statement(Sql.PostingsCountHead + conditions + Sql.PostingsCountTail), term, values).Bind("@over", cap + 1);
        var found = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (found > cap) return null;

        var read = Bound(scope.Statement(Sql.Postings + conditions + " LIMIT @cap"), term, values).Bind("@cap", cap);
        var rows = new List<RecallPosting>((int)found);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new RecallPosting(new UnitKey(reader.GetString(0), reader.GetInt32(1)), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6)));
        }
        return rows;
    }

    private System.Data.Common.DbCommand Bound(System.Data.Common.DbCommand command, string term, List<(string Name, object Value)> values)
    {
        command.Bind("@UserId", scope.UserId).Bind("@term", term);
        foreach (var (name, value) in values) command.Bind("@" + name, value);
        return command;
    }

    public async Task<IReadOnlyList<RecallBlock>> BlocksAsync(IReadOnlyCollection<UnitKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0) return [];
        var sql = new StringBuilder(Sql.BlocksKeys);
        var parameters = new DynamicParameters(new { scope.UserId });
        var i = 0;
        foreach (var key in keys)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? "" : ", ").Append("(@d").Append(n).Append(", @i").Append(n).Append(')');
            parameters.Add("d" + n, key.DocumentId);
            parameters.Add("i" + n, key.BlockIndex);
            i++;
        }
        sql.Append(Sql.BlocksRows).Append(Sql.Blocks);
        var blocks = new List<RecallBlock>(keys.Count);
        using var reader = await scope.Connection.ExecuteReaderAsync(sql.ToString(), parameters, scope.Transaction);
        while (await reader.ReadAsync(cancellationToken))
        {
            blocks.Add(new RecallBlock(new UnitKey(reader.GetString(0), Int(reader, 1)), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                BlockJson.ReadHeadingPath(reader.GetString(5)), reader.IsDBNull(6) ? null : StoredJson.ReadMap(reader.GetString(6)),
                reader.GetString(7), reader.GetString(8), reader.GetString(9)));
        }
        return blocks;
    }

    /// <summary>The filter's conditions on a unit's kind, time and project; <paramref name="alias"/> names the table that has them.</summary>
    private static void AppendFilter(StringBuilder sql, DynamicParameters parameters, RecallFilter filter, string alias, string projectCondition) =>
        AppendFilter(sql, (name, value) => parameters.Add(name, value), filter, alias, projectCondition);

    /// <inheritdoc cref="AppendFilter(StringBuilder, DynamicParameters, RecallFilter, string, string)"/>
    private static void AppendFilter(StringBuilder sql, Action<string, object> add, RecallFilter filter, string alias, string projectCondition)
    {
        if (filter.Messages != filter.Blocks)
        {
            sql.Append(" AND ").Append(alias).Append("kind = @kind");
            add("kind", filter.Messages ? RecallKinds.Message : RecallKinds.Block);
        }
        if (filter.From is { } from)
        {
            sql.Append(" AND ").Append(alias).Append("at >= @from");
            add("from", from);
        }
        if (filter.To is { } to)
        {
            sql.Append(" AND ").Append(alias).Append("at < @to");
            add("to", to);
        }
        if (filter.ProjectId is { } project)
        {
            sql.Append(projectCondition);
            add("projectId", project);
        }
    }

    private static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
