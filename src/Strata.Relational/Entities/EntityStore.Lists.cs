using System.Text;
using Dapper;
using Strata.Core;
using Strata.Core.Entities;
using Strata.Core.Errors;
using Strata.Core.Snapshots;
using Strata.Relational.Keyset;

namespace Strata.Relational.Entities;

internal sealed partial class EntityStore
{
    private const string ListName = "entities";

    /// <summary>A list without text pages by cursor over (updated_at, id), so its first page reads one page of the
    /// index whatever the number of entities; a text query is the database's own search, paged by offset.</summary>
    public async Task<Page<Snapshot>> QueryAsync(EntityQuery query, CancellationToken cancellationToken)
    {
        if (query.Text is not null)
        {
            if (query.Paging.Cursor is not null)
            {
                throw StrataException.Validation("cursor pages a list of entities; a text query pages with offset.");
            }
            var (items, total) = await search.QueryAsync(query, cancellationToken);
            return new Page<Snapshot>(items, null, total);
        }
        return await ListAsync(query, cancellationToken);
    }

    private async Task<Page<Snapshot>> ListAsync(EntityQuery query, CancellationToken cancellationToken)
    {
        var paging = query.Paging;
        var where = new StringBuilder("WHERE ").Append(Sql.OfUser());
        var parameters = new DynamicParameters(new { scope.UserId, Limit = Pages.RowsToRead(paging), paging.Offset });
        if (query.EntityType is not null)
        {
            where.Append(" AND entity_type = @entityType");
            parameters.Add("entityType", query.EntityType);
        }
        if (!query.IncludeMerged)
        {
            where.Append(" AND merged_into IS NULL");
        }
        var filter = where.ToString();
        where.Append(' ').Append(Pages.AfterTime(paging, ListName, scope, parameters, Sql.ListAfter, lean: true));
        var rows = new List<Snapshot>(paging.Limit + 1);
        using (var reader = await scope.Connection.ExecuteReaderAsync(
            $"SELECT {EntityRows.ReadingProvenance(Sql.SnapshotColumns, query.WithProvenance)} FROM entities {where} {Sql.ListOrder}", parameters, scope.Transaction))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(EntityRows.ReadSnapshot(reader));
            }
        }
        int? total = paging.IncludeTotal
            ? await scope.Connection.ExecuteScalarAsync<int>($"SELECT COUNT(*) FROM entities {filter}", parameters, scope.Transaction)
            : null;
        return Pages.Of(rows, paging, s => PageCursor.EncodeNumber(ListName, Pages.KeyOf(s.UpdatedAt), s.EntityId), total);
    }
}
