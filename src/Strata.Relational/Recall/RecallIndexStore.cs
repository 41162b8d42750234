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
        var added = new HashSet<UnitKey>();
        foreach (var (first, count) in RowBatches.Chunks(units.Count))
        {
            var command = RowBatches.Statement(scope, Sql.InsertUnitsHead, Sql.InsertUnitsRow, Sql.InsertUnitsTail, RecallSql.UnitColumns, count);
            for (var i = 0; i < count; i++)
            {
                var unit = units[first + i];
                object?[] values = [unit.DocumentId, unit.BlockIndex, unit.Kind, unit.At, unit.Length];
                for (var c = 0; c < values.Length; c++) RowBatches.Set(command, values.Length, i, c, values[c]);
            }
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) added.Add(new UnitKey(reader.GetString(0), reader.GetInt32(1)));
        }

        // One list per (term, document) of the units this call added, in block order, keyed by its first block: units are
        // added once, so two lists never share a unit or a key.
        var lists = units.Where(u => added.Contains(new UnitKey(u.DocumentId, u.BlockIndex)))
            .SelectMany(u => u.Terms.Select(t => (Term: t.Key, Unit: u, Count: t.Value)))
            .GroupBy(p => (p.Term, p.Unit.DocumentId))
            .Select(g =>
            {
                var ordered = g.OrderBy(p => p.Unit.BlockIndex).Select(p => (p.Unit, p.Count)).ToList();
                return (g.Key.Term, g.Key.DocumentId, First: ordered[0].Unit.BlockIndex, Postings: RecallPostingList.Encode(ordered));
            })
            .ToList();
        await RowBatches.InsertAsync(scope, Sql.InsertListsHead, Sql.InsertListsRow, Sql.InsertRowsTail, RecallSql.ListColumns, lists,
            static (l, column) => column switch { 0 => l.Term, 1 => l.DocumentId, 2 => l.First, _ => l.Postings }, cancellationToken);
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

    public async Task<bool> PostingsAsync(string term, RecallFilter filter, int cap, List<RecallPosting> into, CancellationToken cancellationToken)
    {
        into.Clear();
        // The hottest read of a question: one row per document that has the word (migration 0360), through a prepared
        // statement (one text with the project's condition, one without). The kind and time conditions are each posting's.
        var project = filter.ProjectId is null ? "" : Sql.ProjectCondition;

        // With no condition on the postings themselves, a word over the cap (a year every message of it carries) is known
        // from the lists' lengths alone, which the databases read without their bytes.
        if (LengthsTellTheCount(filter))
        {
            var count = Bound(scope.Statement(Sql.PostingListBytes + project), term, filter.ProjectId);
            if (Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) / RecallPostingList.Size > cap) return false;
        }

        await using var reader = await ReadListsAsync(Sql.PostingLists + project + Sql.PostingListsOrder, term, filter.ProjectId, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // Reading stops at the cap + 1st posting within the filter: the word is left unscored.
            if (!RecallPostingList.Decode(reader.GetString(0), reader.GetBlob(1), filter, cap, into)) return false;
        }
        return true;
    }

    /// <summary>Whether every posting of a list passes <paramref name="filter"/> (no kind or time condition on the postings
    /// themselves), so the lists' lengths alone tell how many a word has.</summary>
    private static bool LengthsTellTheCount(RecallFilter filter) => filter.Messages == filter.Blocks && filter.From is null && filter.To is null;

    private static readonly string[] ListParameters = ["@UserId", "@term"];

    private static readonly string[] ProjectListParameters = ["@UserId", "@term", "@projectId"];

    /// <summary>A term's lists, read where the database allows it from a statement bound by position whose rows lend their
    /// bytes (<see cref="RowBatchReader.GetBlob"/>): through the driver each list was a new array, hundreds a question
    /// (one per document that has each word), a large part of what a question allocated.</summary>
    private async Task<RowBatchReader> ReadListsAsync(string sql, string term, string? projectId, CancellationToken cancellationToken)
    {
        if (scope.Positional(sql, projectId is null ? ListParameters : ProjectListParameters) is not { } statement)
        {
            return new RowBatchReader.OfDbReader(await Bound(scope.Statement(sql), term, projectId).ExecuteReaderAsync(cancellationToken));
        }
        statement.Set(0, scope.UserId);
        statement.Set(1, term);
        if (projectId is not null) statement.Set(2, projectId);
        return statement.Run();
    }

    private DbCommand Bound(DbCommand command, string term, string? projectId)
    {
        command.Bind("@UserId", scope.UserId).Bind("@term", term);
        return projectId is null ? command : command.Bind("@projectId", projectId);
    }

    public async Task<IReadOnlyList<RecallBlock>> BlocksAsync(IReadOnlyCollection<UnitKey> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0) return [];
        var (sql, parameters) = Wanted(keys, Sql.Blocks);
        var blocks = new List<RecallBlock>(keys.Count);
        using var reader = await scope.Connection.ExecuteReaderAsync(sql, parameters, scope.Transaction);
        while (await reader.ReadAsync(cancellationToken))
        {
            blocks.Add(new RecallBlock(new UnitKey(reader.GetString(0), Int(reader, 1)), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                BlockJson.ReadHeadingPath(reader.GetString(5)), reader.IsDBNull(6) ? null : StoredJson.ReadMap(reader.GetString(6)),
                reader.GetString(7), reader.GetString(8), reader.GetString(9)));
        }
        return blocks;
    }

    public async Task<IReadOnlyList<(UnitKey Key, string Content)>> ShortContentsAsync(IReadOnlyCollection<UnitKey> keys, int maxCharacters,
        CancellationToken cancellationToken)
    {
        if (keys.Count == 0) return [];
        var (sql, parameters) = Wanted(keys, Sql.ShortContents);
        parameters.Add("maxCharacters", maxCharacters);
        var contents = new List<(UnitKey, string)>();
        using var reader = await scope.Connection.ExecuteReaderAsync(sql, parameters, scope.Transaction);
        while (await reader.ReadAsync(cancellationToken))
        {
            contents.Add((new UnitKey(reader.GetString(0), Int(reader, 1)), reader.GetString(2)));
        }
        return contents;
    }

    /// <summary>The keys as the list <paramref name="select"/> joins (<see cref="RecallSql.BlocksKeys"/>), bound.</summary>
    private (string Sql, DynamicParameters Parameters) Wanted(IReadOnlyCollection<UnitKey> keys, string select)
    {
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
        return (sql.Append(Sql.BlocksRows).Append(select).ToString(), parameters);
    }

    /// <summary>The filter's conditions on a unit's kind, time and project; <paramref name="alias"/> names the table that has them.</summary>
    private static void AppendFilter(StringBuilder sql, DynamicParameters parameters, RecallFilter filter, string alias, string projectCondition)
    {
        if (filter.Messages != filter.Blocks)
        {
            sql.Append(" AND ").Append(alias).Append("kind = @kind");
            parameters.Add("kind", filter.Messages ? RecallKinds.Message : RecallKinds.Block);
        }
        if (filter.From is { } from)
        {
            sql.Append(" AND ").Append(alias).Append("at >= @from");
            parameters.Add("from", from);
        }
        if (filter.To is { } to)
        {
            sql.Append(" AND ").Append(alias).Append("at < @to");
            parameters.Add("to", to);
        }
        if (filter.ProjectId is { } project)
        {
            sql.Append(projectCondition);
            parameters.Add("projectId", project);
        }
    }

    private static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
