using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Strata.Core.Archive;
using Strata.Core.Errors;

namespace Strata.Relational.Archive;

/// <summary>
/// The user's rows as the archive carries them. Columns come from the database's own catalogue, so a column a
/// migration adds travels without a change here; store-local columns (<see cref="ArchiveSql.LocalColumns"/>) and the
/// user column (the manifest names the user) stay behind. Times leave as fixed-width UTC text on both databases.
/// </summary>
internal sealed class ArchiveStore(StoreScope scope) : IArchiveStore
{
    private readonly Dictionary<string, IReadOnlyList<(string Name, string Type)>> _columns = new(StringComparer.Ordinal);

    private ArchiveSql Sql => scope.Dialect.Archive;

    public IReadOnlyList<string> Tables => ArchiveTableList.Carried;

    public string DatabaseName => scope.Dialect.Name;

    public async IAsyncEnumerable<ArchiveRow> ReadAsync(string table, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var command = scope.Connection.CreateCommand();
        await using (command)
        {
            command.Transaction = scope.Transaction;
            command.CommandText = Sql.Reads.TryGetValue(table, out var custom) ? custom : await SelectAsync(table, cancellationToken);
            command.Bind("@UserId", scope.UserId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var values = new KeyValuePair<string, object?>[reader.FieldCount];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = new(reader.GetName(i), Scalar(reader.GetValue(i)));
                }
                yield return new ArchiveRow(values);
            }
        }
    }

    public async Task<bool> InsertAsync(string table, ArchiveRow row, CancellationToken cancellationToken)
    {
        var sql = Sql.Inserts.TryGetValue(table, out var custom) ? custom : await InsertSqlAsync(table, row, cancellationToken);
        var command = scope.Statement(sql).Bind("@UserId", scope.UserId);
        foreach (var (column, value) in row.Values)
        {
            Parameter(command, "@c_" + column, value);
        }
        var added = await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        if (added && Sql.AfterInsert.TryGetValue(table, out var after))
        {
            var next = scope.Statement(after).Bind("@UserId", scope.UserId);
            foreach (var (column, value) in row.Values) Parameter(next, "@c_" + column, value);
            await next.ExecuteNonQueryAsync(cancellationToken);
        }
        return added;
    }

    private async Task<string> SelectAsync(string table, CancellationToken cancellationToken)
    {
        var columns = await ColumnsAsync(table, cancellationToken);
        // Observations keep their order of arrival, which breaks ties between equal times.
        var order = await HasColumnAsync(table, "seq", cancellationToken) ? " ORDER BY seq" : "";
        // A derived column goes where the other database keeps it, after the column it follows (else last).
        var derived = Derived(table);
        var read = new List<string>();
        foreach (var column in columns)
        {
            read.Add(Read(table, column.Name));
            read.AddRange(derived.Where(d => d.After == column.Name).Select(d => $"{d.Read} AS {d.Name}"));
        }
        read.AddRange(derived.Where(d => columns.All(c => c.Name != d.After)).Select(d => $"{d.Read} AS {d.Name}"));
        return $"SELECT {string.Join(", ", read)} FROM {table} WHERE {await OfUserAsync(table, cancellationToken)}{order}";
    }

    /// <summary>The session user's rows of <paramref name="table"/>: by the user's id, or where the table keeps the user's
    /// rowid instead (SQLite's entities since 0520) by that.</summary>
    private async Task<string> OfUserAsync(string table, CancellationToken cancellationToken) =>
        await HasColumnAsync(table, "user_id", cancellationToken) ? "user_id = @UserId"
        : $"user_row = {Sql.UserRow ?? throw new InvalidOperationException($"{table} has no user_id column")}";

    private async Task<string> InsertSqlAsync(string table, ArchiveRow row, CancellationToken cancellationToken)
    {
        var types = (await ColumnsAsync(table, cancellationToken)).ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
        // A row names its user by id, or on a table that keeps the user's rowid instead (SQLite's entities since 0520) by that.
        var byId = await HasColumnAsync(table, "user_id", cancellationToken);
        var names = new List<string> { byId ? "user_id" : "user_row" };
        var values = new List<string> { byId ? "@UserId" : Sql.UserRow ?? throw new InvalidOperationException($"{table} has no user_id column") };
        var derived = Derived(table);
        foreach (var (column, _) in row.Values)
        {
            if (derived.Any(d => d.Name == column)) continue; // computed here from the row's other columns
            if (!types.TryGetValue(column, out var type))
            {
                throw new StrataException(ErrorCodes.ArchiveInvalid,
                    $"The archive's {table} rows have a column this Strata does not know ({column}); import it with the version that made it, or a newer one. Nothing was written.");
            }
            names.Add(column);
            var cast = type.StartsWith("timestamp", StringComparison.Ordinal) ? Sql.TimeCast ?? Sql.Cast : Sql.Cast;
            values.Add(IsLeanTime(table, column) ? string.Format(CultureInfo.InvariantCulture, Sql.LeanTimeWrite, "@c_" + column)
                : cast is null ? "@c_" + column : string.Format(CultureInfo.InvariantCulture, cast, "@c_" + column, type));
        }
        if (Sql.LocalValues.TryGetValue(table, out var local))
        {
            names.Add(local.Key);
            values.Add(local.Value);
        }
        return $"INSERT INTO {table} ({string.Join(", ", names)}) VALUES ({string.Join(", ", values)}) ON CONFLICT DO NOTHING";
    }

    private IReadOnlyList<DerivedColumn> Derived(string table) =>
        Sql.DerivedColumns.TryGetValue(table, out var derived) ? derived : [];

    private string Read(string table, string column) =>
        IsLeanTime(table, column) ? string.Format(CultureInfo.InvariantCulture, Sql.LeanTimeRead, column) + " AS " + column : column;

    private bool IsLeanTime(string table, string column) => Sql.LeanTimeColumns.Contains(table + "." + column);

    private async Task<bool> HasColumnAsync(string table, string column, CancellationToken cancellationToken) =>
        (await AllColumnsAsync(table, cancellationToken)).Any(c => c.Name == column);

    /// <summary>The columns an archive carries: all but the user's and the store-local ones.</summary>
    private async Task<IReadOnlyList<(string Name, string Type)>> ColumnsAsync(string table, CancellationToken cancellationToken) =>
        (await AllColumnsAsync(table, cancellationToken)).Where(c => c.Name != "user_id" && !Sql.LocalColumns.Contains(c.Name)).ToList();

    private async Task<IReadOnlyList<(string Name, string Type)>> AllColumnsAsync(string table, CancellationToken cancellationToken)
    {
        if (_columns.TryGetValue(table, out var known)) return known;
        var command = scope.Connection.CreateCommand();
        await using (command)
        {
            command.Transaction = scope.Transaction;
            command.CommandText = Sql.Columns;
            command.Bind("@table", table);
            var columns = new List<(string, string)>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
            if (columns.Count == 0) throw new InvalidOperationException($"The archive table {table} is not in this database.");
            return _columns[table] = columns;
        }
    }

    /// <summary>A stored value as the archive's scalar: whole numbers widen to long, times become UTC text.</summary>
    private static object? Scalar(object value) => value switch
    {
        DBNull => null,
        string text => text,
        long number => number,
        int number => (long)number,
        short number => (long)number,
        double fraction => fraction,
        float fraction => (double)fraction,
        decimal exact => (double)exact,
        bool flag => flag,
        DateTime time => StoredTime.ToText(StoredTime.Read(time)),
        DateTimeOffset time => StoredTime.ToText(time),
        _ => throw new InvalidOperationException($"A stored value of type {value.GetType().Name} has no archive form."),
    };

    private void Parameter(DbCommand command, string name, object? value)
    {
        object? bound = value switch
        {
            null => null,
            bool flag when Sql.BooleansAsNumbers => flag ? 1L : 0L,
            _ when Sql.Cast is null => value,
            bool flag => flag ? "true" : "false",
            long number => number.ToString(CultureInfo.InvariantCulture),
            double fraction => fraction.ToString("R", CultureInfo.InvariantCulture),
            _ => value,
        };
        command.Bind(name, bound);
        if (Sql.Cast is not null) command.Parameters[name].DbType = DbType.String;
    }
}
