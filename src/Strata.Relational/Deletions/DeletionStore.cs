using System.Text.Json;
using Dapper;
using Strata.Core;
using Strata.Core.Deletions;
using Strata.Relational.Keyset;

namespace Strata.Relational.Deletions;

/// <summary>The delete audit of one user, on either database.</summary>
internal sealed partial class DeletionStore(StoreScope scope) : IDeletionStore
{
    private const string ListName = "deletions";

    private DeletionSql Sql => scope.Dialect.Deletions;

    public Task InsertAsync(Deletion deletion, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(Sql.Insert, new
        {
            id = deletion.Id, scope.UserId, kind = deletion.SubjectKind, subjectId = deletion.SubjectId, name = deletion.SubjectName,
            removed = WriteCounts(deletion.Removed), deletedAt = scope.Time(deletion.DeletedAt),
        }, scope.Transaction);

    public async Task<Page<Deletion>> ListAsync(Paging paging, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { scope.UserId, Limit = Pages.RowsToRead(paging), paging.Offset });
        var after = Pages.AfterTime(paging, ListName, scope, parameters, Sql.ListAfter);
        var rows = new List<Deletion>(paging.Limit + 1);
        using (var reader = await scope.Connection.ExecuteReaderAsync(
            $"SELECT {DeletionSql.Columns} FROM deletions WHERE user_id = @UserId {after} {Sql.ListOrder}", parameters, scope.Transaction))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new Deletion(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetNullableString(4),
                    ReadCounts(reader.GetString(5)), StoredTime.Read(reader.GetValue(6))));
            }
        }
        int? total = paging.IncludeTotal ? await scope.Connection.ExecuteScalarAsync<int>(Sql.Count, new { scope.UserId }, scope.Transaction) : null;
        return Pages.Of(rows, paging, d => PageCursor.EncodeNumber(ListName, Pages.KeyOf(d.DeletedAt), d.Id), total);
    }

    public async Task<DeletionCounts> CountAsync(string? projectId, string? documentId, CancellationToken cancellationToken)
    {
        var row = await scope.Connection.QuerySingleAsync<CountsRow>(DeletionSql.CountRemovable(scope.Dialect.Observations), new { scope.UserId, projectId, documentId }, scope.Transaction);
        return new DeletionCounts(row.Documents, row.Blocks, row.BlockRuns, row.StagedValues, row.ConfirmedValues, row.Observations);
    }

    private static string WriteCounts(IReadOnlyDictionary<string, long> counts)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (kind, count) in counts) json.WriteNumber(kind, count);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Dictionary<string, long> ReadCounts(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
    }

    private sealed class CountsRow
    {
        public long Documents { get; set; }
        public long Blocks { get; set; }
        public long BlockRuns { get; set; }
        public long StagedValues { get; set; }
        public long ConfirmedValues { get; set; }
        public long Observations { get; set; }
    }
}
