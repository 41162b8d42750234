using Microsoft.Data.Sqlite;
using Npgsql;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Review;

namespace Strata.Acceptance.Tests.Review;

/// <summary>
/// <c>strata projects delete</c> killed with SIGKILL while its delete transaction runs, over a project whose confirmed
/// values fed hundreds of entities: the delete is one transaction, so after every kill the project is whole (every
/// document, run and entity still there) or gone with every entity only it fed, and no row names an entity that is gone.
/// A delete run to its end afterwards removes all of it.
/// </summary>
public sealed class KilledDeleteTests
{
    private const int Documents = 12;

    private const int Blocks = 25;

    private const int Kills = 3;

    private static readonly CancellationToken None = ReviewFixture.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_project_delete_killed_inside_its_transaction_leaves_the_project_whole_and_no_orphan(string backend)
    {
        await using var review = await ReviewFixture.StartAsync(backend);
        for (var i = 0; i < Documents; i++) await review.AddDocumentAsync($"lease-{i}.md", ReviewFixture.Paragraphs(Blocks, $"Tenant {i}"));
        await review.RegisterSchemaAsync();
        await review.Strata.Services.Review.ApplySchemaAsync(review.User, review.ProjectId, ReviewFixture.SchemaRef, null, null, None);
        await review.WorkAsync();
        await review.Strata.Services.Review.ConfirmAllAsync(review.User, ReviewScope.Project, review.ProjectId, None);
        Assert.Equal(Documents * Blocks, await EntityCountAsync(review));

        var url = review.Strata.PostgresConnectionString;
        string[] delete = [.. url is null ? [] : new[] { "--database", url }, "--user", "alice", "projects", "delete", review.ProjectId];
        var killed = 0;
        for (var attempt = 0; attempt < Kills; attempt++)
        {
            using var child = StrataChild.Start(review.Strata.DataDirectory, delete);
            if (!await InsideItsDeleteAsync(review.Strata, url, child)) break; // it finished first: covered below
            await child.KillAsync();
            killed++;

            Assert.Empty(EntityOrphans.Of(review.Strata));
            var projectsLeft = (await review.Strata.Services.Projects.ListAsync(review.User, new Paging(10), None)).Projects.Count;
            Assert.Equal((1, Documents * Blocks), (projectsLeft, await EntityCountAsync(review)));
        }
        Assert.True(killed > 0, "no delete was caught inside its transaction");

        var finished = await new StrataProcess(review.Strata.DataDirectory).RunAsync(delete);

        Assert.True(finished.Exit == 0, finished.Error);
        Assert.Empty((await review.Strata.Services.Projects.ListAsync(review.User, new Paging(10), None)).Projects);
        Assert.Equal(0, await EntityCountAsync(review));
        Assert.Empty(EntityOrphans.Of(review.Strata));
    }

    /// <summary>Waits until the child is inside a write transaction that deletes: on PostgreSQL, another session with a
    /// transaction id running a DELETE; on SQLite, the database's write lock held at two looks 5 ms apart (the
    /// command's short bookkeeping transactions at start hold it for well under that). False when the child exited.</summary>
    private static async Task<bool> InsideItsDeleteAsync(TestStrata strata, string? url, StrataChild child)
    {
        if (url is not null)
        {
            await using var connection = new NpgsqlConnection(url);
            await connection.OpenAsync();
            await using var look = new NpgsqlCommand("""
                SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                    AND backend_xid IS NOT NULL AND query ILIKE 'DELETE%')
                """, connection);
            while (!child.HasExited)
            {
                if ((bool)(await look.ExecuteScalarAsync())!) return true;
                await Task.Delay(1);
            }
            return false;
        }
        await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(strata.DataDirectory, "strata.db")};Pooling=False");
        await sqlite.OpenAsync();
        var heldBefore = false;
        while (!child.HasExited)
        {
            var held = WriteLockHeld(sqlite);
            if (held && heldBefore) return true;
            heldBefore = held;
            await Task.Delay(5);
        }
        return false;
    }

    /// <summary>Asks for the write lock without waiting (the raw call, not the provider's own retry loop) and gives it back.</summary>
    private static bool WriteLockHeld(SqliteConnection connection)
    {
        const int busy = 5; // SQLITE_BUSY: another connection holds the write lock
        SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, 0);
        var result = SQLitePCL.raw.sqlite3_exec(connection.Handle, "BEGIN IMMEDIATE");
        if (result == busy) return true;
        Assert.Equal(0, result);
        Assert.Equal(0, SQLitePCL.raw.sqlite3_exec(connection.Handle, "ROLLBACK"));
        return false;
    }

    private static async Task<int> EntityCountAsync(ReviewFixture review) =>
        (await review.Strata.Services.Entities.RetrieveAsync(review.User, ReviewFixture.SchemaRef, null, true, false,
            new Paging(1, IncludeTotal: true), None)).Total ?? 0;
}
