using Dapper;
using Npgsql;
using Strata.Postgres.Storage;

namespace Strata.Acceptance.Tests.Support;

/// <summary>A fresh PostgreSQL database per test, copied from a template migrated once per test run.</summary>
public static class PostgresTestDatabase
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _template;

    public static string? AdminUrl => Environment.GetEnvironmentVariable("STRATA_TEST_DATABASE_URL") is { Length: > 0 } url ? url : null;

    public static bool Wanted => AdminUrl is not null || Environment.GetEnvironmentVariable("STRATA_REQUIRE_POSTGRES") == "1";

    /// <summary>Creates a database and returns its connection string.</summary>
    public static async Task<string> CreateAsync()
    {
        var admin = AdminUrl ?? throw new InvalidOperationException(
            "PostgreSQL tests need STRATA_TEST_DATABASE_URL (e.g. the URL printed by .ci/start-postgres).");
        var template = await TemplateAsync(admin);
        var name = "strata_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(Admin(admin)))
        {
            await connection.ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {template}");
        }
        return Database(admin, name);
    }

    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection(Admin(AdminUrl!));
        await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private static async Task<string> TemplateAsync(string admin)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var name = "strata_tpl_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(Admin(admin)))
            {
                await connection.ExecuteAsync($"CREATE DATABASE {name}");
            }
            // Migrate without pooling: a template must have no open connections when it is copied.
            var store = await PostgresStrataStore.OpenAsync(Database(admin, name) + ";Pooling=false", TimeProvider.System, CancellationToken.None);
            await store.DisposeAsync();
            return _template = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static string Admin(string admin) => PostgresConnectionString.From(admin) + ";Pooling=false";

    private static string Database(string admin, string name) =>
        new NpgsqlConnectionStringBuilder(PostgresConnectionString.From(admin)) { Database = name }.ConnectionString;
}
