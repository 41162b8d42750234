using Dapper;
using Strata.Core;
using Strata.Core.Snapshots;
using Strata.Relational.Keyset;

namespace Strata.Relational.Entities;

internal sealed partial class EntityStore
{
    private const string TimelineList = "timeline";

    /// <summary>Dated fields of the user's entities in (date, entity, field) order, a page after the cursor's event, and the
    /// count of all in range only when asked for. "to" is a whole day: a datetime on that day is still inside the range
    /// (<see cref="EntitySql.TimelineDayEnd"/> sorts after it).</summary>
    public async Task<Page<TimelineEvent>> TimelineAsync(TimelineQuery query, CancellationToken cancellationToken)
    {
        var paging = query.Paging;
        var parameters = new DynamicParameters(new
        {
            scope.UserId, query.From, toExclusive = query.To is null ? null : query.To + Sql.TimelineDayEnd, query.EntityType,
            Limit = Pages.RowsToRead(paging), paging.Offset,
        });
        var after = "";
        if (paging.Cursor is not null)
        {
            var (date, ids) = PageCursor.Decode(TimelineList, paging.Cursor, 2);
            parameters.AddDynamicParams(new { afterDate = date, afterEntity = ids[0], afterField = ids[1] });
            after = EntitySql.TimelineAfter;
        }
        var rows = await scope.Connection.QueryAsync<TimelineRow>(new CommandDefinition(Sql.TimelinePage.Replace("/*after*/", after, StringComparison.Ordinal), parameters,
            scope.Transaction, cancellationToken: cancellationToken));
        int? total = paging.IncludeTotal
            ? await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(Sql.TimelineCount, parameters, scope.Transaction,
                cancellationToken: cancellationToken))
            : null;
        var events = rows.Select(r => new TimelineEvent(r.EntityId, r.EntityType, r.CanonicalName, r.Label, r.Field, r.Date)).ToList();
        return Pages.Of(events, paging, e => PageCursor.Encode(TimelineList, e.Date, e.EntityId, e.Field), total);
    }

    private sealed class TimelineRow
    {
        public string EntityId { get; set; } = "";
        public string EntityType { get; set; } = "";
        public string CanonicalName { get; set; } = "";
        public string Label { get; set; } = "";
        public string Field { get; set; } = "";
        public string Date { get; set; } = "";
    }
}
