using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;

namespace Strata.Relational;

/// <summary>
/// Multi-row statements: one <c>INSERT ... VALUES (...), (...)</c> for many rows of one table, with parameters bound by
/// position (created once per statement, then only their values change). A batch is cut into chunks whose sizes are
/// powers of two up to <see cref="MaxRows"/>, so a table has at most six statement texts whatever the batch sizes,
/// and each stays prepared on its connection.
/// </summary>
internal static class RowBatches
{
    /// <summary>The most rows one statement carries: far below SQLite's 32,766 variables; SQLite finds a named parameter by a linear scan of the statement's names, so a statement of more rows costs more per row.</summary>
    public const int MaxRows = 32;

    /// <summary>The token a row template writes where the row's number goes (<c>@Id{n}</c>).</summary>
    public const string RowToken = "{n}";

    private static readonly ConcurrentDictionary<(string Head, string Row, string Tail, int Rows), string> Texts = new();

    /// <summary>The chunks of a batch of <paramref name="total"/> rows: (first row, row count), sizes powers of two.</summary>
    public static IEnumerable<(int First, int Count)> Chunks(int total)
    {
        var first = 0;
        while (first < total)
        {
            var count = Math.Min(MaxRows, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(total - first) + 1) / 2);
            yield return (first, count);
            first += count;
        }
    }

    /// <summary>
    /// The statement for <paramref name="rows"/> rows of <paramref name="row"/> (a template using <see cref="RowToken"/>
    /// after each per-row parameter), its parameters in place: <c>@UserId</c> first (shared by every row), then each
    /// row's <paramref name="columns"/> in order. Set values with <see cref="Set"/>.
    /// </summary>
    public static DbCommand Statement(StoreScope scope, string head, string row, string tail, string[] columns, int rows)
    {
        var sql = Texts.GetOrAdd((head, row, tail, rows), static key =>
        {
            var text = new System.Text.StringBuilder(key.Head.Length + key.Tail.Length + key.Rows * (key.Row.Length + 8));
            text.Append(key.Head).Append('\n');
            for (var i = 0; i < key.Rows; i++)
            {
                text.Append(i == 0 ? "" : ",\n").Append(key.Row.Replace(RowToken, i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            }
            return text.Append('\n').Append(key.Tail).ToString();
        });
        var command = scope.Statement(sql);
        if (command.Parameters.Count != 1 + rows * columns.Length)
        {
            command.Parameters.Clear();
            Add(command, "@UserId");
            for (var i = 0; i < rows; i++)
            {
                var suffix = i.ToString(CultureInfo.InvariantCulture);
                foreach (var column in columns)
                {
                    Add(command, "@" + column + suffix);
                }
            }
        }
        command.Parameters[0].Value = scope.UserId;
        return command;
    }

    /// <summary>Writes <paramref name="rows"/> in chunks of multi-row statements (<see cref="Statement"/>), the value of a
    /// row's column <c>c</c> (of <paramref name="columns"/>) being <paramref name="value"/>(row, c).</summary>
    public static async Task InsertAsync<T>(StoreScope scope, string head, string row, string tail, string[] columns, IReadOnlyList<T> rows,
        Func<T, int, object?> value, CancellationToken cancellationToken)
    {
        foreach (var (first, count) in Chunks(rows.Count))
        {
            var command = Statement(scope, head, row, tail, columns, count);
            for (var i = 0; i < count; i++)
            {
                for (var c = 0; c < columns.Length; c++) Set(command, columns.Length, i, c, value(rows[first + i], c));
            }
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Sets column <paramref name="column"/> of row <paramref name="row"/> (positions as given to <see cref="Statement"/>).</summary>
    public static void Set(DbCommand command, int columns, int row, int column, object? value) =>
        command.Parameters[1 + row * columns + column].Value = value ?? DBNull.Value;

    private static void Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
