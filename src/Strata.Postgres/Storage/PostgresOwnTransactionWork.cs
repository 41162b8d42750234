using System.Data.Common;
using Npgsql;
using Strata.Relational.Work;

namespace Strata.Postgres.Storage;

/// <summary>PostgreSQL's work outside a session: a pooled connection as the connecting role (not strata_app, so no
/// row-level security), because workers, maintenance and credential checks act across users.</summary>
internal sealed class PostgresOwnTransactionWork(NpgsqlDataSource dataSource) : OwnTransactionWork(PostgresDialect.Instance)
{
    protected override async Task<(DbConnection Connection, IAsyncDisposable Release)> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (connection, connection);
    }

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);
}
