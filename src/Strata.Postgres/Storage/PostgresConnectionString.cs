using Npgsql;

namespace Strata.Postgres.Storage;

/// <summary>Accepts a <c>postgres://user:password@host:port/database</c> URL or an Npgsql connection string.</summary>
/// <remarks>Statements are prepared on each connection once used a few times (Npgsql's automatic preparation, <see
/// cref="AutoPrepared"/> of them), unless the URL or string sets <c>Max Auto Prepare</c> itself (0 turns it off): the same
/// few statements run on every question and write, and each was planned afresh otherwise. A prepared statement's plan
/// is the server's to invalidate: a change of role (<c>SET LOCAL ROLE strata_app</c>), of a table, or of row-level
/// security makes it plan again, so preparation changes no answer.</remarks>
public static class PostgresConnectionString
{
    /// <summary>How many statements a connection keeps prepared (the least recently used leaves first).</summary>
    public const int AutoPrepared = 200;

    public static string From(string urlOrConnectionString)
    {
        var builder = Build(urlOrConnectionString);
        if (!NamesAutoPrepare(urlOrConnectionString)) builder.MaxAutoPrepare = AutoPrepared;
        return builder.ConnectionString;
    }

    private static bool NamesAutoPrepare(string urlOrConnectionString) =>
        Uri.UnescapeDataString(urlOrConnectionString).Replace(" ", "", StringComparison.Ordinal).Contains("maxautoprepare", StringComparison.OrdinalIgnoreCase);

    private static NpgsqlConnectionStringBuilder Build(string urlOrConnectionString)
    {
        if (!urlOrConnectionString.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !urlOrConnectionString.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(urlOrConnectionString);
        }
        var uri = new Uri(urlOrConnectionString);
        var credentials = uri.UserInfo.Split(':', 2);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = Uri.UnescapeDataString(credentials[0]),
        };
        if (credentials.Length == 2) builder.Password = Uri.UnescapeDataString(credentials[1]);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            builder[Uri.UnescapeDataString(parts[0])] = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
        }
        return builder;
    }

    /// <summary>The connection string without its password, for messages and logs.</summary>
    public static string Redacted(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ConnectionString;
}
