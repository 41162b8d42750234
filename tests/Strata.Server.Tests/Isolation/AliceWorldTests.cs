using Strata.Server.Tests.Infrastructure;
using Strata.Storage.Compliance;

namespace Strata.Server.Tests.Isolation;

/// <summary>The check every row of the isolation matrix ends with (<see cref="AliceWorld.AssertAliceUnchangedAsync"/>) sees a
/// change in any of Alice's tables and names it: a review value confirmed, the words a chat fact was said in, her generated
/// MEMORY.md, a relation of her graph, the record of a model call, a blob file — each a change a broken wall would let Bob make.</summary>
public abstract class AliceWorldTests
{
    protected abstract Backend Backend { get; }

    [Fact]
    public async Task The_check_after_every_row_of_the_matrix_names_each_table_a_change_to_alices_rows_was_made_in()
    {
        await using var world = await AliceWorld.CreateAsync(Backend);
        await world.AssertAliceUnchangedAsync();

        await AssertSeenInAsync(world, "block_values", () => world.Server.Services.Review.ConfirmAsync(world.AliceId, world.BlockRunId, 1, CancellationToken.None));
        foreach (var table in new[] { "chat_evidence", "memory_generated", "relation_observations", "llm_calls", "observation_evidence" })
        {
            await AssertSeenInAsync(world, table, () => DeleteAlicesRowsAsync(world, table));
        }
        await AssertSeenInAsync(world, "(blob files)", () =>
        {
            File.Delete(Directory.GetFiles(Path.Combine(world.Server.DataDirectory, "sources", world.AliceId), "*", SearchOption.AllDirectories)[0]);
            return Task.CompletedTask;
        });
    }

    /// <summary>After the change, the check fails and names the table (changes add up: earlier tables are named too).</summary>
    private static async Task AssertSeenInAsync(AliceWorld world, string table, Func<Task> change)
    {
        await change();
        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(world.AssertAliceUnchangedAsync);
        Assert.Contains($"{table}: ", failure.Message);
    }

    /// <summary>Deletes Alice's rows of a table no other table refers to, straight in the database.</summary>
    private static async Task DeleteAlicesRowsAsync(AliceWorld world, string table)
    {
        await using var connection = await world.Server.OpenDatabaseAsync();
        var owner = await UserRows.OwnerAsync(connection, world.Server.Backend == Backend.Postgres, table);
        await using var command = UserRows.Command(connection, $"DELETE FROM {table} WHERE {owner}", world.AliceId);
        Assert.True(await command.ExecuteNonQueryAsync() > 0, $"Alice had no row in {table}");
    }
}

public sealed class AliceWorldTestsOnSqlite : AliceWorldTests
{
    protected override Backend Backend => Backend.Sqlite;
}

public sealed class AliceWorldTestsOnPostgres : AliceWorldTests
{
    protected override Backend Backend => Backend.Postgres;
}
