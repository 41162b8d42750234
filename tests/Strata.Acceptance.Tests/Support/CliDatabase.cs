using Strata.Storage.Compliance;

namespace Strata.Acceptance.Tests.Support;

/// <summary>The database a CLI child runs on: SQLite in its data folder (no argument), or a fresh PostgreSQL database
/// of its own, named with <c>--database</c> and dropped afterwards.</summary>
public sealed class CliDatabase : IAsyncDisposable
{
    private readonly string? _postgres;

    private CliDatabase(string? postgres) => _postgres = postgres;

    public static async Task<CliDatabase> CreateAsync(string backend) =>
        new(backend == Backends.Postgres ? await PostgresTestDatabase.CreateAsync() : null);

    /// <summary>What goes before the command on the child's command line.</summary>
    public string[] Arguments => _postgres is null ? [] : ["--database", _postgres];

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null) await PostgresTestDatabase.DropAsync(_postgres);
    }
}
