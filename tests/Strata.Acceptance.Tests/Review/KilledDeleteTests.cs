using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Review;

namespace Strata.Acceptance.Tests.Review;

/// <summary>
/// <c>strata projects delete</c> killed with SIGKILL inside its delete transaction (it says so itself, at a hold point
/// just before its commit), over a project whose confirmed values fed hundreds of entities: the delete is one
/// transaction, so after every kill every row of every table (documents, blocks, block runs, values, entities...) is as it
/// was, and no row names an entity that is gone. A delete run to its end afterwards removes all of it.
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
        var before = WholeState(review.Strata);
        Assert.Equal(Documents, before["documents"].Count);
        Assert.Equal((Documents * Blocks, Documents), (before["document_blocks"].Count, before["block_runs"].Count));
        for (var attempt = 0; attempt < Kills; attempt++)
        {
            // The child says itself when it is inside the transaction: its delete done, its audit row written, the commit next.
            var marker = Path.Combine(review.Strata.DataDirectory, $"held-{attempt}");
            using var child = StrataChild.StartHeldAt("project-delete", marker, review.Strata.DataDirectory, delete);
            if (!await child.HeldAsync()) Assert.Fail($"the delete never reached its commit: {(await child.KillAsync()).Error}");
            await child.KillAsync();

            Assert.Empty(EntityOrphans.Of(review.Strata));
            var after = WholeState(review.Strata);
            Assert.All(before, table => Assert.True(table.Value.SequenceEqual(after[table.Key]), $"{table.Key} changed under a killed delete"));
            Assert.Equal(before.Keys.Order(), after.Keys.Order());
        }

        var finished = await new StrataProcess(review.Strata.DataDirectory).RunAsync(delete);

        Assert.True(finished.Exit == 0, finished.Error);
        Assert.Empty((await review.Strata.Services.Projects.ListAsync(review.User, new Paging(10), None)).Projects);
        Assert.Equal(0, await EntityCountAsync(review));
        var deleted = WholeState(review.Strata);
        Assert.Equal((0, 0, 0, 0), (deleted["documents"].Count, deleted["document_blocks"].Count, deleted["block_runs"].Count, deleted["block_values"].Count));
        Assert.Empty(EntityOrphans.Of(review.Strata));
    }

    /// <summary>Every row of every table of the catalogue (documents, blocks, runs, values, entities, observations...),
    /// sorted: a killed transaction must leave each one exactly as it was.</summary>
    private static Dictionary<string, List<string>> WholeState(TestStrata strata) => strata.Counts().Keys
        .Where(table => table is not ("blobs" or "spool"))
        .ToDictionary(table => table, table => strata.Rows($"SELECT * FROM {table}").Order(StringComparer.Ordinal).ToList());

    private static async Task<int> EntityCountAsync(ReviewFixture review) =>
        (await review.Strata.Services.Entities.RetrieveAsync(review.User, ReviewFixture.SchemaRef, null, true, false,
            new Paging(1, IncludeTotal: true), None)).Total ?? 0;
}
