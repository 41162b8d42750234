using Npgsql;

namespace Strata.Postgres.Storage;

/// <summary>Where a store's SQL runs: inside a user's session transaction (as strata_app, under row-level security),
/// or in a short transaction of its own as the connecting role (workers and maintenance act across users).</summary>
internal interface IPostgresWork
{
    Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work);

    Task<T> ReadAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction?, Task<T>> work);
}

internal sealed class PostgresSessionWork(PostgresScope scope) : IPostgresWork
{
    public Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work) => work(scope.Connection, scope.Transaction);

    public Task<T> ReadAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction?, Task<T>> work) => work(scope.Connection, scope.Transaction);
}

internal sealed class PostgresOwnTransactionWork(NpgsqlDataSource dataSource) : IPostgresWork
{
    public async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var result = await work(connection, transaction);
        await transaction.CommitAsync();
        return result;
    }

    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction?, Task<T>> work)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await work(connection, null);
    }
}
