using System.Data.Common;

namespace Strata.Relational;

/// <summary>
/// One chunk of a <see cref="RowBatches"/> batch: its values, bound when it runs. Where the store's driver binds every
/// parameter by name (Microsoft.Data.Sqlite: each name found by a scan of the statement's names, and converted to UTF-8,
/// for every value of every run), the statement takes its values by position instead (<see cref="StoreScope.Positional"/>):
/// binding a 50-row insert by name cost more than running it (wave s41). A value of a type the positional statement does
/// not bind sends the chunk through the driver as before.
/// </summary>
internal sealed class RowBatch(StoreScope scope, string head, string row, string tail, string[] columns, int rows)
{
    private readonly object?[] _values = new object?[rows * columns.Length];

    public void Set(int index, object? value) => _values[index] = value;

    public async Task<RowBatchReader> ExecuteReaderAsync(CancellationToken cancellationToken) =>
        Positional() is { } positional ? positional.Run() : new RowBatchReader.OfDbReader(await Named().ExecuteReaderAsync(cancellationToken));

    /// <summary>Runs the statement; returns the rows it wrote.</summary>
    public async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        if (Positional() is { } positional)
        {
            await using var reader = positional.Run();
            while (await reader.ReadAsync(cancellationToken)) { }
            return reader.RecordsAffected;
        }
        return await Named().ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The positional statement with every value set, or null when the driver binds them.</summary>
    private IPositionalStatement? Positional()
    {
        var (sql, names) = RowBatches.Text(head, row, tail, columns, rows);
        if (scope.Positional(sql, names) is not { } statement) return null;
        foreach (var value in _values)
        {
            if (!statement.Accepts(value)) return null;
        }
        statement.Set(0, scope.UserId);
        for (var i = 0; i < _values.Length; i++) statement.Set(1 + i, _values[i]);
        return statement;
    }

    private DbCommand Named()
    {
        var command = RowBatches.Named(scope, head, row, tail, columns, rows);
        for (var i = 0; i < _values.Length; i++) command.Parameters[1 + i].Value = _values[i] ?? DBNull.Value;
        return command;
    }
}
