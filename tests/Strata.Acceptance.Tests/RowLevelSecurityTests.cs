using Dapper;
using Npgsql;
using Strata.Acceptance.Tests.Support;
using Strata.Postgres.Storage;
using Strata.Storage.Compliance;

namespace Strata.Acceptance.Tests;

/// <summary>PostgreSQL's row-level security is a second wall: even SQL that forgets the user filter sees only its own rows.</summary>
public sealed class RowLevelSecurityTests
{
    [Fact]
    public async Task AQueryThatForgetsTheUserFilterStillSeesNothingOfAnotherUsers()
    {
        using var strata = TestStrata.Create(Backends.Postgres);
        var alice = await strata.UserAsync("alice");
        var bob = await strata.UserAsync("bob");
        await strata.IngestTextAsync(alice, "ada.csv", "name,email\nAda,ada@example.com\n", type: "contact");
        var store = (PostgresStrataStore)strata.Services.Store;

        var (connection, transaction) = await store.OpenScopedAsync(bob, CancellationToken.None);
        await using (connection)
        await using (transaction)
        {
            foreach (var table in new[] { "sources", "runs", "entities", "observations", "timeline_events" })
            {
                Assert.Equal(0, await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}", transaction: transaction));
            }
            Assert.Equal("strata_app", await connection.ExecuteScalarAsync<string>("SELECT current_user", transaction: transaction));
            var write = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(
                "UPDATE entities SET canonical_name = 'stolen' WHERE true; INSERT INTO schemas VALUES (@alice, 'x', 1, 'u', '{}', now())",
                new { alice }, transaction));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, write.SqlState); // the row-level security WITH CHECK refused it
        }

        var (own, ownTransaction) = await store.OpenScopedAsync(alice, CancellationToken.None);
        await using (own)
        await using (ownTransaction)
        {
            Assert.Equal(1, await own.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM entities", transaction: ownTransaction));
        }
    }
}
