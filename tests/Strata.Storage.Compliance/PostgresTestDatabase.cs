using System.Diagnostics;
using Dapper;
using Npgsql;
using Strata.Postgres.Storage;

namespace Strata.Storage.Compliance;

/// <summary>
/// A fresh PostgreSQL database per test, copied from a template migrated once per test run. The server is the one
/// STRATA_TEST_DATABASE_URL names (CI starts one with .ci/start-postgres); when that is unset, a throwaway cluster
/// of this test process's own is started with the same script, so `dotnet test` needs nothing but PostgreSQL installed.
/// </summary>
public static class PostgresTestDatabase
{
    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static string? _adminUrl;
    private static string? _unavailable;
    private static string? _template;

    /// <summary>Creates a database and returns its connection string.</summary>
    public static async Task<string> CreateAsync()
    {
        var admin = await AdminUrlAsync();
        var template = await TemplateAsync(admin);
        var name = "strata_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(Admin(admin)))
        {
            await connection.ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {template}");
        }
        return Database(admin, name);
    }

    /// <summary>Creates a migrated database holding <paramref name="rows"/> (SQL run as the tables' owner, beside row-level
    /// security: a test's fixture, not a user's writes) and returns its connection string.</summary>
    public static async Task<string> CreateHoldingAsync(string rows)
    {
        var url = await CreateAsync();
        await using var connection = new NpgsqlConnection(url + ";Pooling=false");
        await connection.ExecuteAsync(rows);
        return url;
    }

    /// <summary>Creates a database with no migration applied (a test that builds an older store migrates it itself).</summary>
    public static async Task<string> CreateEmptyAsync()
    {
        var admin = await AdminUrlAsync();
        var name = "strata_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(Admin(admin)))
        {
            await connection.ExecuteAsync($"CREATE DATABASE {name}");
        }
        return Database(admin, name);
    }

    /// <summary>Drops a test database, ending any session still on it. On a server whose admin role may not signal
    /// every backend (an autovacuum worker belongs to no role), the drop is retried while that worker finishes.</summary>
    public static async Task DropAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var admin = Admin(await AdminUrlAsync());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(admin);
                await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (attempt < 20 && e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task<string> AdminUrlAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            // A server that failed to start fails every later test at once with the same line, not a retry and a stack each.
            if (_unavailable is not null) throw new PostgresUnavailableException(_unavailable);
            try
            {
                return _adminUrl ??= Environment.GetEnvironmentVariable("STRATA_TEST_DATABASE_URL") is { Length: > 0 } url ? url : await StartOwnServerAsync();
            }
            catch (PostgresUnavailableException e)
            {
                _unavailable = e.Message;
                throw;
            }
        }
        finally
        {
            StartLock.Release();
        }
    }

    private static async Task<string> StartOwnServerAsync()
    {
        var script = FindStartScript();
        var directory = Path.Combine(Path.GetTempPath(), $"strata-pg-{Environment.ProcessId}");
        var port = 20000 + Environment.ProcessId % 20000;
        var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["STRATA_PG_DIR"] = directory;
        start.Environment["STRATA_PG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new PostgresUnavailableException(
                $"Every storage test also runs on PostgreSQL, and starting a test server failed ({error.Trim()}): " +
                "run ./test.sh, which installs PostgreSQL and runs every test, or set STRATA_TEST_DATABASE_URL to a server's admin URL.");
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopOwnServer(directory);
        return output.Trim();
    }

    private static void StopOwnServer(string directory)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Order().LastOrDefault();
        if (bin is null) return;
        var stop = new ProcessStartInfo(Environment.UserName == "root" ? "runuser" : Path.Combine(bin, "bin", "pg_ctl"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Environment.UserName == "root")
        {
            foreach (var arg in new[] { "-u", "postgres", "--", Path.Combine(bin, "bin", "pg_ctl") }) stop.ArgumentList.Add(arg);
        }
        foreach (var arg in new[] { "-D", Path.Combine(directory, "data"), "stop", "-m", "immediate" }) stop.ArgumentList.Add(arg);
        using var process = Process.Start(stop);
        process?.WaitForExit(10_000);
    }

    private static string FindStartScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ".ci", "start-postgres");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("Cannot find .ci/start-postgres above the test directory.");
    }

    /// <summary>A database with every migration applied, named after the migrations so later runs reuse it. Test
    /// processes starting together take turns through an advisory lock.</summary>
    private static async Task<string> TemplateAsync(string admin)
    {
        await StartLock.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var name = "strata_tpl_" + MigrationsHash();
            await using var connection = new NpgsqlConnection(Admin(admin));
            await connection.OpenAsync();
            await connection.ExecuteAsync("SELECT pg_advisory_lock(20241121)");
            try
            {
                if (await connection.ExecuteScalarAsync<int?>("SELECT 1 FROM pg_database WHERE datname = @name", new { name }) is null)
                {
                    await connection.ExecuteAsync($"CREATE DATABASE {name}");
                    // Migrate without pooling: a template must have no open connections when it is copied.
                    var store = await PostgresStrataStore.OpenAsync(Database(admin, name) + ";Pooling=false", TimeProvider.System, CancellationToken.None);
                    await store.DisposeAsync();
                }
            }
            finally
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(20241121)");
            }
            return _template = name;
        }
        finally
        {
            StartLock.Release();
        }
    }

    private static string MigrationsHash()
    {
        var assembly = typeof(PostgresStrataStore).Assembly;
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var resource in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(resource + "\n" + reader.ReadToEnd()));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>The maintenance connection that creates and drops test databases. It waits up to a minute to connect, not
    /// Npgsql's 15 s: one CI run's connection to create a database timed out while every test project ran at once.</summary>
    private static string Admin(string admin) => PostgresConnectionString.From(admin) + ";Pooling=false;Timeout=60";

    private static string Database(string admin, string name) =>
        new NpgsqlConnectionStringBuilder(PostgresConnectionString.From(admin)) { Database = name }.ConnectionString;
}
