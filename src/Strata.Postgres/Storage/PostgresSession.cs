using Npgsql;
using Strata.Relational;
using Strata.Relational.Sessions;

namespace Strata.Postgres.Storage;

/// <summary>A session on one pooled PostgreSQL connection, as strata_app under row-level security (see
/// <see cref="PostgresStrataStore.OpenScopedAsync"/>); the connection is closed when the session ends.</summary>
internal sealed class PostgresSession(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId, TimeProvider clock)
    : StoreSession(new StoreScope(connection, transaction, userId, PostgresDialect.Instance), clock, OwnStores(connection, transaction, userId))
{
    protected override async Task RollbackTransactionAsync()
    {
        try { await transaction.RollbackAsync(); } catch (NpgsqlException) { /* the connection is going anyway */ }
    }

    protected override ValueTask ReleaseConnectionAsync() => connection.DisposeAsync();

    private static AdapterStores OwnStores(NpgsqlConnection connection, NpgsqlTransaction transaction, string userId)
    {
        var scope = new PostgresScope(connection, transaction, userId);
        return new AdapterStores
        {
            Search = new PostgresEntityStore(scope),
        };
    }
}

/// <summary>What the PostgreSQL stores not yet in the shared layer share.</summary>
internal sealed record PostgresScope(NpgsqlConnection Connection, NpgsqlTransaction Transaction, string UserId);
