using Strata.Core;
using Strata.Core.Deletions;
using Strata.Core.Documents;
using Strata.Core.Maintenance;
using Strata.Core.Sources;

namespace Strata.Storage.Compliance;

/// <summary>The contract of the project, document, block and deletion stores: names unique per user, a source a document
/// once, the conversion's status moves only forward, blocks page in reading order and round-trip exactly, and nothing of
/// one user's is visible to another.</summary>
public abstract class DocumentStoreCompliance : StoreCompliance
{
    private static readonly CancellationToken None = CancellationToken.None;

    private async Task<(string User, Project Project, Document Document)> SeedAsync(string name)
    {
        var user = await UserAsync(name);
        var now = Clock.GetUtcNow();
        var project = new Project("prj_" + name, user, "Contracts", now, now);
        var document = new Document("doc_" + name, user, project.Id, "src_" + name, "lease.md", "text/markdown", DocumentStatuses.Uploaded,
            null, null, null, 0, null, now, now);
        await using var session = await Store.OpenWriteAsync(user, None);
        await session.Sources.InsertAsync(new Source("src_" + name, user, new string('b', 64), 10, "text/markdown", "lease.md", StorageStatuses.Uploaded, now), None);
        Assert.True(await session.Projects.InsertAsync(project, None));
        Assert.True(await session.Documents.InsertAsync(document, None));
        await session.CommitAsync(None);
        return (user, project, document);
    }

    [Fact]
    public async Task ProjectNamesAreUniquePerUserAndAnotherUserSeesNoneOfThem()
    {
        var (alice, project, _) = await SeedAsync("alice");
        var bob = await UserAsync("bob");
        var now = Clock.GetUtcNow();

        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            Assert.False(await session.Projects.InsertAsync(new Project("prj_other", alice, "Contracts", now, now), None));
            Assert.True(await session.Projects.RenameAsync(project.Id, "Leases", now.AddMinutes(1), None));
            await session.CommitAsync(None);
        }
        await using (var session = await Store.OpenWriteAsync(bob, None))
        {
            Assert.True(await session.Projects.InsertAsync(new Project("prj_bob", bob, "Leases", now, now), None));
            Assert.Null(await session.Projects.GetAsync(project.Id, None));
            Assert.Null(await session.Documents.GetAsync("doc_alice", None));
            Assert.False(await session.Projects.RenameAsync(project.Id, "Stolen", now, None));
            Assert.False(await session.Documents.DeleteAsync("doc_alice", None));
            await session.CommitAsync(None);
        }

        await using var read = await Store.OpenReadAsync(alice, None);
        var found = await read.Projects.FindByNameAsync("Leases", None);
        Assert.Equal(project.Id, found!.Id);
        Assert.Equal(1, found.DocumentCount);
        Assert.Equal(now.AddMinutes(1), found.UpdatedAt);
        Assert.Equal(["prj_alice"], (await read.Projects.ListAsync(new Paging(), None)).Items.Select(p => p.Id));
    }

    [Fact]
    public async Task ASourceIsADocumentOnceAndItsConversionOnlyMovesForward()
    {
        var (alice, project, document) = await SeedAsync("alice");
        var now = Clock.GetUtcNow();
        await using var session = await Store.OpenWriteAsync(alice, None);

        Assert.False(await session.Documents.InsertAsync(document with { Id = "doc_again" }, None));
        Assert.False(await session.Documents.FinishConversionAsync(document.Id, 3, now, None)); // not converting yet
        Assert.True(await session.Documents.StartConversionAsync(document.Id, "markdown", "1", "conv_x", now, None));
        Assert.True(await session.Documents.BeatAsync(document.Id, now.AddMinutes(1), None));
        // A stale-only failure does not touch a conversion that showed life after the cut-off.
        Assert.False(await session.Documents.FailConversionAsync(document.Id, "timeout", now, staleBefore: now, None));
        Assert.True(await session.Documents.FinishConversionAsync(document.Id, 3, now.AddMinutes(2), None));
        Assert.False(await session.Documents.FailConversionAsync(document.Id, "late", now, staleBefore: null, None));
        Assert.False(await session.Documents.BeatAsync(document.Id, now, None));

        var stored = await session.Documents.FindBySourceAsync("src_alice", None);
        Assert.Equal((DocumentStatuses.Ingested, 3, "markdown", "conv_x"), (stored!.Status, stored.BlockCount, stored.Converter, stored.ConvUid));
        Assert.Equal(1, await session.Documents.CountBySourceAsync("src_alice", None));
        Assert.Equal([document.Id], (await session.Documents.ListAsync(project.Id, DocumentStatuses.Ingested, new Paging(), None)).Items.Select(d => d.Id));
        Assert.Empty((await session.Documents.ListAsync(project.Id, DocumentStatuses.Uploaded, new Paging(), None)).Items);
    }

    /// <summary>Recall's reply signal reads only the short turns among its seeds (<c>ShortContentsAsync</c>): a block no
    /// longer than the bound in characters comes back with its content, a longer one does not; characters outside the
    /// Basic Multilingual Plane count once (so a text whose UTF-16 length is within the bound is always returned); a key
    /// past a document's end, another user's block and an unknown document answer as nothing.</summary>
    [Fact]
    public async Task Short_contents_are_the_listed_blocks_within_the_bound_in_characters_and_only_the_users()
    {
        var (alice, _, document) = await SeedAsync("alice");
        var (bob, _, bobs) = await SeedAsync("bob");
        string[] texts = ["And the toast?", new string('x', 12), new string('y', 13), "😀😀😀😀😀😀 ok?", "Ünïcødé?"];
        var blocks = texts.Select((text, i) => new DocumentBlock(i, BlockType.Paragraph, text, [], new TextOffsetRange(0, text.Length), null, null)).ToList();
        foreach (var (user, id) in new[] { (alice, document.Id), (bob, bobs.Id) })
        {
            await using var session = await Store.OpenWriteAsync(user, None);
            Assert.Equal(texts.Length, await session.DocumentBlocks.InsertManyAsync(id, "conv_" + user, blocks, None));
            await session.CommitAsync(None);
        }

        await using var read = await Store.OpenReadAsync(alice, None);
        var keys = Enumerable.Range(0, texts.Length + 1).Select(i => new Strata.Core.Recall.UnitKey(document.Id, i))
            .Append(new Strata.Core.Recall.UnitKey(bobs.Id, 0)).Append(new Strata.Core.Recall.UnitKey("doc_missing", 0)).ToList();
        var found = (await read.Recall.ShortContentsAsync(keys, 12, None)).OrderBy(c => c.Key.BlockIndex).ToList();

        // "And the toast?" is 14 characters and 13 y's are 13: over; "😀😀😀😀😀😀 ok?" is 10 characters (16 UTF-16 units): within.
        Assert.Equal([(1, texts[1]), (3, texts[3]), (4, texts[4])], found.Select(c => (c.Key.BlockIndex, c.Content)).ToList());
        Assert.All(found, c => Assert.Equal(document.Id, c.Key.DocumentId));
        Assert.Empty(await read.Recall.ShortContentsAsync([new Strata.Core.Recall.UnitKey(bobs.Id, 0)], 100, None));
    }

    [Fact]
    public async Task BlocksRoundTripExactlyAndPageInReadingOrder()
    {
        var (alice, _, document) = await SeedAsync("alice");
        var blocks = Enumerable.Range(0, 7).Select(i => new DocumentBlock(i, i == 0 ? BlockType.Heading : BlockType.Paragraph, $"Text {i} — “quoted”",
            i == 0 ? [] : ["Lease", "Terms"], (i % 3) switch
            {
                0 => (BlockLocator)new TextOffsetRange(i * 10, i * 10 + 9),
                1 => new PageBox(i, 1.5, 2.25, 300.125, 400),
                _ => new ElementPath("word/document.xml", $"/w:document/w:body/w:p[{i}]"),
            }, i == 0 ? 1 : null, i == 6 ? new Dictionary<string, string> { ["role"] = "user", ["time"] = "2024-03-01T09:00:00Z" } : null)).ToList();
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            Assert.Equal(7, await session.DocumentBlocks.InsertManyAsync(document.Id, "conv_x", blocks, None));
            Assert.Equal(0, await session.DocumentBlocks.InsertManyAsync(document.Id, "conv_x", blocks[..2], None)); // a retried batch
            await session.CommitAsync(None);
        }

        await using (var read = await Store.OpenReadAsync(alice, None))
        {
            var seen = new List<StoredBlock>();
            string? cursor = null;
            do
            {
                var page = await read.DocumentBlocks.ListAsync(document.Id, new Paging(3, Cursor: cursor, IncludeTotal: true), None);
                Assert.Equal(7, page.Total);
                seen.AddRange(page.Items);
                cursor = page.NextCursor;
            } while (cursor is not null);
            Assert.Equal(Enumerable.Range(0, 7), seen.Select(b => b.Block.Index));
            for (var i = 0; i < 7; i++)
            {
                Assert.Equal($"conv_x:{i}", seen[i].BlockUid);
                Assert.Equal(blocks[i] with { HeadingPath = [], Attributes = null }, seen[i].Block with { HeadingPath = [], Attributes = null });
                Assert.Equal(blocks[i].HeadingPath, seen[i].Block.HeadingPath);
                Assert.Equal(blocks[i].Attributes?.OrderBy(a => a.Key), seen[i].Block.Attributes?.OrderBy(a => a.Key));
            }
            Assert.Equal(blocks[4].Content, (await read.DocumentBlocks.GetAsync("conv_x:4", None))!.Block.Content);
        }

        var bob = await UserAsync("bob");
        await using (var other = await Store.OpenWriteAsync(bob, None))
        {
            Assert.Null(await other.DocumentBlocks.GetAsync("conv_x:4", None));
            Assert.Empty((await other.DocumentBlocks.ListAsync(document.Id, new Paging(), None)).Items);
            Assert.Equal(0, await other.DocumentBlocks.DeleteByDocumentAsync(document.Id, None));
            await other.CommitAsync(None);
        }
        await using var write = await Store.OpenWriteAsync(alice, None);
        Assert.Equal(7, await write.DocumentBlocks.DeleteByDocumentAsync(document.Id, None));
        Assert.True(await write.Documents.DeleteAsync(document.Id, None));
        await write.CommitAsync(None);
    }

    [Fact]
    public async Task AStaleConversionIsFoundAcrossUsersAndFailedOnlyWhileStillStale()
    {
        var (alice, _, document) = await SeedAsync("alice");
        var start = Clock.GetUtcNow();
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            Assert.True(await session.Documents.StartConversionAsync(document.Id, "markdown", "1", "conv_x", start, None));
            await session.CommitAsync(None);
        }

        Assert.Empty(await Store.Maintenance.FindStaleConversionsAsync(start, 10, None));
        var stale = await Store.Maintenance.FindStaleConversionsAsync(start.AddMinutes(5), 10, None);
        Assert.Equal([new StaleConversion(alice, document.Id)], stale);

        await using var write = await Store.OpenWriteAsync(alice, None);
        Assert.True(await write.Documents.FailConversionAsync(document.Id, "Timeout", start.AddMinutes(5), start.AddMinutes(5), None));
        var failed = await write.Documents.GetAsync(document.Id, None);
        Assert.Equal((DocumentStatuses.ConversionFailed, "Timeout"), (failed!.Status, failed.Error));
        await write.CommitAsync(None);
    }

    [Fact]
    public async Task DeletionsAreListedNewestFirstAndOnlyToTheirUser()
    {
        var alice = await UserAsync("alice");
        var bob = await UserAsync("bob");
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            await session.Deletions.InsertAsync(new Deletion("del_1", alice, "document", "doc_1", "a.md", new Dictionary<string, long> { ["blocks"] = 3 },
                Clock.GetUtcNow()), None);
            await session.Deletions.InsertAsync(new Deletion("del_2", alice, "project", "prj_1", "P", new Dictionary<string, long> { ["documents"] = 2, ["blocks"] = 9 },
                Clock.GetUtcNow().AddSeconds(1)), None);
            await session.CommitAsync(None);
        }
        await using (var read = await Store.OpenReadAsync(alice, None))
        {
            var page = await read.Deletions.ListAsync(new Paging(1), None);
            Assert.Equal("del_2", page.Items.Single().Id);
            Assert.Equal(9, page.Items[0].Removed["blocks"]);
            Assert.Equal("del_1", (await read.Deletions.ListAsync(new Paging(1, Cursor: page.NextCursor), None)).Items.Single().Id);
        }
        await using var other = await Store.OpenReadAsync(bob, None);
        Assert.Empty((await other.Deletions.ListAsync(new Paging(), None)).Items);
    }

    [Fact]
    public async Task RemovableRowsAreCountedForAProjectOrOneDocumentOfTheirUserOnly()
    {
        var (alice, project, lease) = await SeedAsync("alice");
        var (bob, _, bobs) = await SeedAsync("bob");
        var now = Clock.GetUtcNow();
        DocumentBlock Paragraph(int i) => new(i, BlockType.Paragraph, $"Clause {i}", [], new TextOffsetRange(i * 10, i * 10 + 9), null, null);
        await using (var session = await Store.OpenWriteAsync(alice, None))
        {
            await session.Sources.InsertAsync(new Source("src_terms", alice, new string('c', 64), 10, "text/markdown", "terms.md", StorageStatuses.Uploaded, now), None);
            Assert.True(await session.Documents.InsertAsync(lease with { Id = "doc_terms", SourceId = "src_terms", Name = "terms.md" }, None));
            Assert.Equal(3, await session.DocumentBlocks.InsertManyAsync(lease.Id, "conv_lease", Enumerable.Range(0, 3).Select(Paragraph).ToList(), None));
            Assert.Equal(5, await session.DocumentBlocks.InsertManyAsync("doc_terms", "conv_terms", Enumerable.Range(0, 5).Select(Paragraph).ToList(), None));
            await session.CommitAsync(None);
        }
        await using (var session = await Store.OpenWriteAsync(bob, None))
        {
            Assert.Equal(4, await session.DocumentBlocks.InsertManyAsync(bobs.Id, "conv_bob", Enumerable.Range(0, 4).Select(Paragraph).ToList(), None));
            await session.CommitAsync(None);
        }

        await using (var read = await Store.OpenReadAsync(alice, None))
        {
            Assert.Equal(new DeletionCounts(2, 8, 0, 0, 0, 0), await read.Deletions.CountAsync(project.Id, null, None));
            Assert.Equal(new DeletionCounts(1, 3, 0, 0, 0, 0), await read.Deletions.CountAsync(null, lease.Id, None));
            Assert.Equal(new DeletionCounts(0, 0, 0, 0, 0, 0), await read.Deletions.CountAsync(null, bobs.Id, None));
        }
        await using var other = await Store.OpenReadAsync(bob, None);
        Assert.Equal(new DeletionCounts(0, 0, 0, 0, 0, 0), await other.Deletions.CountAsync(project.Id, null, None));
        Assert.Equal(new DeletionCounts(1, 4, 0, 0, 0, 0), await other.Deletions.CountAsync(null, bobs.Id, None));
    }
}
