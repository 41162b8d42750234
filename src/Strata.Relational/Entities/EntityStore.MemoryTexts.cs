using Strata.Core.MemoryServer;

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

    public async Task<long> MemoryGenerationAsync(CancellationToken cancellationToken)
    {
        await using var reader = await scope.Statement(Sql.MemoryGeneration).Bind("@UserId", scope.UserId).ExecuteReaderAsync(cancellationToken);
        // SUM is numeric on PostgreSQL, an integer on SQLite.
        return await reader.ReadAsync(cancellationToken) ? Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    public async Task<IReadOnlyList<MemoryRow>?> ListMemoryRowsAsync(long maxBytes, CancellationToken cancellationToken)
    {
        var rows = new List<MemoryRow>();
        long bytes = 0;
        await using var reader = await scope.Statement(Sql.MemoryRows).Bind("@UserId", scope.UserId).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new MemoryRow(reader.GetString(0), reader.GetNullableString(1), reader.GetNullableString(2), reader.GetNullableString(3));
            bytes += row.EstimatedBytes;
            if (bytes > maxBytes) return null;
            rows.Add(row);
        }
        return rows;
    }

    public async Task<IReadOnlyList<(string EntityId, string? MemoryName, string? FieldsJson)>> ListMemoryNamesAsync(IReadOnlyCollection<string> entityIds,
        CancellationToken cancellationToken)
    {
        var names = new List<(string, string?, string?)>();
        if (entityIds.Count == 0) return names;
        await using var reader = await scope.Statement(Sql.MemoryNames).Bind("@UserId", scope.UserId)
            .Bind("@entityIds", scope.Dialect.TextList(entityIds)).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add((reader.GetString(0), reader.GetNullableString(1), reader.GetNullableString(2)));
        }
        return names;
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
