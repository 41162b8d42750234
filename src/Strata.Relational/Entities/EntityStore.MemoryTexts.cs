namespace Strata.Relational.Entities;

internal sealed partial class EntityStore
{
    public async Task<IReadOnlyList<(string EntityId, string? Text)>> ListMemoryTextsAsync(CancellationToken cancellationToken)
    {
        var rows = new List<(string, string?)>();
        await using var reader = await scope.Statement(Sql.MemoryTexts).Bind("@UserId", scope.UserId).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetNullableString(1)));
        }
        return rows;
    }

    public async Task<IReadOnlyDictionary<string, string?>> ListMemoryStatesAsync(IReadOnlyCollection<string> entityIds,
        CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, string?>(entityIds.Count, StringComparer.Ordinal);
        if (entityIds.Count == 0) return states;
        await using var reader = await scope.Statement(Sql.MemoryStates).Bind("@UserId", scope.UserId)
            .Bind("@entityIds", scope.Dialect.TextList(entityIds)).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states[reader.GetString(0)] = reader.GetNullableString(1);
        }
        return states;
    }
}
