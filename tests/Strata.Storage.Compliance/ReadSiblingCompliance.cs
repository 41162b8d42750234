using Strata.Core.Documents;

namespace Strata.Storage.Compliance;

/// <summary>A read session's sibling (<see cref="Strata.Core.Storage.IStoreReader.OpenSiblingAsync"/>), which recall
/// searches some layers on beside the others: where a database offers one, it sees exactly what its session sees — not a
/// commit made after the session began reading, even while it runs on another thread as that commit lands — and only
/// the session's user's rows.</summary>
public abstract class ReadSiblingCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>Whether this database must offer a sibling (SQLite does; PostgreSQL's reads run in turn).</summary>
    protected abstract bool OffersSibling { get; }

    /// <summary>Empties the database's write-ahead log where it has one (SQLite's checkpoint), as a store at rest has it.</summary>
    protected virtual void EmptyTheLog()
    {
    }

    protected async Task<Project> InsertProjectAsync(string user, string id, string name)
    {
        var now = Clock.GetUtcNow();
        var project = new Project(id, user, name, now, now);
        await using var session = await Store.OpenWriteAsync(user, None);
        Assert.True(await session.Projects.InsertAsync(project, None));
        await session.CommitAsync(None);
        return project;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_sibling_sees_its_sessions_snapshot_not_a_later_commit_and_only_its_user(bool emptyLog)
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        var before = await InsertProjectAsync(alice, "prj_before", "Before");
        var bobs = await InsertProjectAsync(bob, "prj_bob", "Bob's");
        if (emptyLog) EmptyTheLog();

        await using var session = await Store.OpenReadAsync(alice, None);
        Assert.NotNull(await session.Projects.GetAsync(before.Id, None)); // the session has read: its snapshot is taken
        var after = await InsertProjectAsync(alice, "prj_after", "After");

        await using var sibling = await session.OpenSiblingAsync(None);
        if (!OffersSibling)
        {
            Assert.Null(sibling);
            return;
        }
        Assert.Null(await session.Projects.GetAsync(after.Id, None));
        // After a checkpoint the database may give none (the caller then reads on the session); never one that sees more.
        if (emptyLog && sibling is null) return;
        Assert.NotNull(sibling);
        Assert.Equal(alice, sibling.UserId);
        Assert.NotNull(await sibling.Projects.GetAsync(before.Id, None));
        Assert.Null(await sibling.Projects.GetAsync(after.Id, None));
        Assert.Null(await session.Projects.GetAsync(after.Id, None));
        // Another user's project answers as a missing one does.
        Assert.Null(await sibling.Projects.GetAsync(bobs.Id, None));
        Assert.Null(await sibling.Projects.GetAsync("prj_missing", None));

        await using var fresh = await Store.OpenReadAsync(alice, None);
        Assert.NotNull(await fresh.Projects.GetAsync(after.Id, None));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_sibling_opened_before_its_session_has_read_holds_the_snapshot_both_then_read(bool emptyLog)
    {
        var alice = await UserAsync("alice");
        var before = await InsertProjectAsync(alice, "prj_before", "Before");
        if (emptyLog) EmptyTheLog();

        await using var session = await Store.OpenReadAsync(alice, None);
        await using var sibling = await session.OpenSiblingAsync(None);
        Assert.Equal(OffersSibling, sibling is not null);
        var after = await InsertProjectAsync(alice, "prj_after", "After");

        foreach (var reader in sibling is null ? [session] : new[] { session, sibling })
        {
            Assert.NotNull(await reader.Projects.GetAsync(before.Id, None));
            if (sibling is not null) Assert.Null(await reader.Projects.GetAsync(after.Id, None));
        }
    }
}
