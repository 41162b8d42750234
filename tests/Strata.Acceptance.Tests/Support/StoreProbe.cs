using System.Data.Common;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Strata.Acceptance.Tests.Support;

/// <summary>Reads the store of a <c>strata</c> process a test started (and may have killed) straight from its database:
/// the SQLite file in its data directory, or the PostgreSQL test database it was given.</summary>
internal sealed class StoreProbe(string dataDirectory, string? database)
{
    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = Connect();
        await connection.OpenAsync();
        return await connection.ExecuteScalarAsync<T>(sql);
    }

    /// <summary>When the lease of the (only) job of <paramref name="kind"/> lapses.</summary>
    public async Task<DateTimeOffset> LeaseExpiryAsync(string kind)
    {
        var value = await ScalarAsync<object>($"SELECT lease_expires_at FROM jobs WHERE kind = '{kind}'");
        return value switch
        {
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            DateTimeOffset at => at,
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"lease_expires_at is {value}"),
        };
    }

    private DbConnection Connect() => database is null
        ? new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "strata.db")};Mode=ReadWrite;Pooling=False")
        : new NpgsqlConnection(database);
}
