using System.Data.Common;

namespace Strata.Relational;

/// <summary>Parameters of a reused statement by name: created on first use, then only the value changes.</summary>
internal static class StatementParameters
{
    public static DbCommand Bind(this DbCommand command, string name, object? value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index < 0)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            parameters.Add(parameter);
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
