using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;

namespace Strata.Relational;

/// <summary>
/// Multi-row statements: one <c>INSERT ... VALUES (...), (...)</c> for many rows of one table. A batch is cut into
/// chunks whose sizes are powers of two up to <see cref="MaxRows"/>; each chunk is a <see cref="RowBatch"/> whose values
/// are set by (row, column) and bound when it runs, by position where the driver allows (<see cref="RowBatch"/>).
/// </summary>
internal static class RowBatches
{
    /// <summary>The most rows one statement carries: far below SQLite's 32,766 variables. Where values are bound by name
    /// (SQLite finds each by a linear scan of the statement's names) a statement of more rows costs more per row; bound by
    /// position, each name is looked up once when the statement is prepared.</summary>
    public const int MaxRows = 32;

    /// <summary>The token a row template writes where the row's number goes (<c>@Id{n}</c>).</summary>
    public const string RowToken = "{n}";

    private static readonly ConcurrentDictionary<(string Head, string Row, string Tail, int Rows), (string Sql, string[] Names)> Texts = new();

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
    /// A chunk of <paramref name="rows"/> rows of <paramref name="row"/> (a template using <see cref="RowToken"/> after
    /// each per-row parameter), whose values are each row's <paramref name="columns"/> in order, and <c>@UserId</c>
    /// shared by every row. Set values with <see cref="Set"/>, then run it.
    /// </summary>
    public static RowBatch Statement(StoreScope scope, string head, string row, string tail, string[] columns, int rows) =>
        new(scope, head, row, tail, columns, rows);

    /// <summary>Writes <paramref name="rows"/> in chunks of multi-row statements (<see cref="Statement"/>), the value of a
    /// row's column <c>c</c> (of <paramref name="columns"/>) being <paramref name="value"/>(row, c). Returns the rows the
    /// statements wrote (those an <c>ON CONFLICT DO NOTHING</c> skipped are not counted).</summary>
    public static async Task<int> InsertAsync<T>(StoreScope scope, string head, string row, string tail, string[] columns, IReadOnlyList<T> rows,
        Func<T, int, object?> value, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var (first, count) in Chunks(rows.Count))
        {
            var command = Statement(scope, head, row, tail, columns, count);
            for (var i = 0; i < count; i++)
            {
                for (var c = 0; c < columns.Length; c++) Set(command, columns.Length, i, c, value(rows[first + i], c));
            }
            written += await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return written;
    }

    /// <summary>Sets column <paramref name="column"/> of row <paramref name="row"/> (positions as given to <see cref="Statement"/>).</summary>
    public static void Set(RowBatch batch, int columns, int row, int column, object? value) => batch.Set(row * columns + column, value);

    /// <summary>The text of a chunk of <paramref name="rows"/> rows with a parameter per value, and the names of its
    /// parameters: <c>@UserId</c> first, then each row's columns in order.</summary>
    internal static (string Sql, string[] Names) Text(string head, string row, string tail, string[] columns, int rows) =>
        Texts.GetOrAdd((head, row, tail, rows), static (key, columns) =>
        {
            var text = new System.Text.StringBuilder(key.Head.Length + key.Tail.Length + key.Rows * (key.Row.Length + 8));
            text.Append(key.Head).Append('\n');
            var names = new string[1 + key.Rows * columns.Length];
            names[0] = "@UserId";
            for (var i = 0; i < key.Rows; i++)
            {
                var suffix = i.ToString(CultureInfo.InvariantCulture);
                text.Append(i == 0 ? "" : ",\n").Append(key.Row.Replace(RowToken, suffix, StringComparison.Ordinal));
                for (var c = 0; c < columns.Length; c++) names[1 + i * columns.Length + c] = "@" + columns[c] + suffix;
            }
            return (text.Append('\n').Append(key.Tail).ToString(), names);
        }, columns);

    /// <summary>The statement of <see cref="Text"/> through the driver, its parameters in place, <c>@UserId</c> set.</summary>
    internal static DbCommand Named(StoreScope scope, string head, string row, string tail, string[] columns, int rows)
    {
        var (sql, names) = Text(head, row, tail, columns, rows);
        var command = scope.Statement(sql);
        if (command.Parameters.Count != names.Length)
        {
            command.Parameters.Clear();
            foreach (var name in names) Add(command, name);
        }
        command.Parameters[0].Value = scope.UserId;
        return command;
    }

    private static void Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
