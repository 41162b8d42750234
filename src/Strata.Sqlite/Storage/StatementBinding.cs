using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Strata.Sqlite.Storage;

/// <summary>Sets a reused statement's parameters by name: the parameter is created on first use, then only its value changes.</summary>
internal static class StatementBinding
{
    public static SqliteCommand Bind(this SqliteCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index < 0)
        {
            parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        else
        {
            parameters[index].Value = value ?? DBNull.Value;
        }
        return command;
    }

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
