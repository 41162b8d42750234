using Dapper;
using Strata.Core.Snapshots;

namespace Strata.Relational.Entities;

internal sealed partial class EntityStore
{
    /// <summary>Dated fields of the user's entities in date order, a page of them and the count of all in range. "to" is a
    /// whole day: a datetime on that day is still inside the range (<see cref="EntitySql.TimelineDayEnd"/> sorts after it).</summary>
    public async Task<(IReadOnlyList<TimelineEvent> Items, int Total)> TimelineAsync(TimelineQuery query, CancellationToken cancellationToken)
    {
        var parameters = new
        {
            scope.UserId, query.From, toExclusive = query.To is null ? null : query.To + Sql.TimelineDayEnd, query.EntityType,
            query.Paging.Limit, query.Paging.Offset,
        };
        var rows = await scope.Connection.QueryAsync<TimelineRow>(new CommandDefinition(Sql.TimelinePage, parameters, scope.Transaction,
            cancellationToken: cancellationToken));
        var total = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(Sql.TimelineCount, parameters, scope.Transaction,
            cancellationToken: cancellationToken));
        return (rows.Select(r => new TimelineEvent(r.EntityId, r.EntityType, r.CanonicalName, r.Label, r.Field, r.Date)).ToList(), total);
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
