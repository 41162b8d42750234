using System.Text;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Usage;

namespace Strata.Acceptance.Tests.Documents;

/// <summary>Deleting is explicit, checks ownership, is audited, answers what it removed, and takes a source's bytes only
/// when nothing else uses them.</summary>
public sealed class DocumentLifecycleTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestStrata _strata = null!;

    private Task<Core.Operations.AddDocumentResult> AddAsync(string user, string project, string name, string text) =>
        _strata.Services.Documents.AddFileAsync(user, project, new MemoryStream(Encoding.UTF8.GetBytes(text)), name, null, wait: true, None);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Deleting_a_document_removes_its_blocks_and_its_bytes_and_says_so_in_its_answer_and_the_audit(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var alice = await _strata.UserAsync("alice");
        await _strata.Services.Projects.CreateAsync(alice, "Contracts", None);
        var lease = (await AddAsync(alice, "Contracts", "lease.md", "# Lease\n\nRent is due monthly.\n")).Document;
        var source = await _strata.Services.Sources.GetSourceAsync(alice, lease.SourceId, None);
        var bytesBefore = (await _strata.Services.Usage.GetUsageAsync(alice, None)).BytesStored;
        Assert.True(File.Exists(_strata.BlobPath(alice, source.ContentHash)));

        var deleted = await _strata.Services.Deletions.DeleteDocumentAsync(alice, lease.DocumentId, None);

        Assert.Equal(("document", lease.DocumentId, "lease.md"), (deleted.Deleted, deleted.Id, deleted.Name));
        Assert.Equal(new Dictionary<string, long> { ["projects"] = 0, ["documents"] = 1, ["blocks"] = 2, ["sources"] = 1, ["block_runs"] = 0, ["entities"] = 0, ["blobs"] = 1 }, deleted.Removed);
        Assert.False(File.Exists(_strata.BlobPath(alice, source.ContentHash)));
        Assert.Equal(ErrorCodes.SourceNotFound, (await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Sources.GetSourceAsync(alice, lease.SourceId, None))).Code);
        Assert.Equal(ErrorCodes.DocumentNotFound, (await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Documents.GetAsync(alice, lease.DocumentId, None))).Code);
        Assert.Equal(bytesBefore - StorageCost.Of(source.ByteSize), (await _strata.Services.Usage.GetUsageAsync(alice, None)).BytesStored);
        var audit = Assert.Single((await _strata.Services.Deletions.ListAsync(alice, new Paging(), None)).Deletions);
        Assert.Equal((deleted.DeletionId, "document", lease.DocumentId, 2L), (audit.DeletionId, audit.Deleted, audit.Id, audit.Removed["blocks"]));
        Assert.Equal(ErrorCodes.DocumentNotFound, (await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Deletions.DeleteDocumentAsync(alice, lease.DocumentId, None))).Code);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_source_that_a_run_also_uses_keeps_its_bytes_when_its_document_goes(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var alice = await _strata.UserAsync("alice");
        await _strata.Services.Projects.CreateAsync(alice, "Notes", None);
        var ingested = await _strata.IngestTextAsync(alice, "groceries.md", "# Groceries\n\nmilk, eggs\n");
        var document = (await _strata.Services.Documents.AddSourceAsync(alice, "Notes", ingested.SourceId, null, wait: true, None)).Document;

        var deleted = await _strata.Services.Deletions.DeleteDocumentAsync(alice, document.DocumentId, None);

        Assert.Equal((1L, 0L, 0L), (deleted.Removed["documents"], deleted.Removed["sources"], deleted.Removed["blobs"]));
        Assert.Equal(ingested.SourceId, (await _strata.Services.Sources.GetSourceAsync(alice, ingested.SourceId, None)).SourceId);
        Assert.True(File.Exists(_strata.BlobPath(alice, ingested.ContentHash)));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Deleting_a_project_removes_everything_in_it_and_nothing_of_another_project_or_user(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var alice = await _strata.UserAsync("alice");
        var bob = await _strata.UserAsync("bob");
        await _strata.Services.Projects.CreateAsync(alice, "Contracts", None);
        await _strata.Services.Projects.CreateAsync(alice, "Keep", None);
        await _strata.Services.Projects.CreateAsync(bob, "Contracts", None);
        await AddAsync(alice, "Contracts", "a.md", "# A\n\none\n\ntwo\n");
        await AddAsync(alice, "Contracts", "b.txt", "plain text\n\nsecond paragraph\n");
        await AddAsync(alice, "Contracts", "c.csv", "name\nAda\nAlan\n");
        var kept = (await AddAsync(alice, "Keep", "keep.md", "# Keep me\n")).Document;
        var bobs = (await AddAsync(bob, "Contracts", "a.md", "# A\n\none\n\ntwo\n")).Document;

        var refused = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Deletions.DeleteProjectAsync(bob, kept.ProjectId, None));
        var deleted = await _strata.Services.Deletions.DeleteProjectAsync(alice, "Contracts", None);

        Assert.Equal(ErrorCodes.ProjectNotFound, refused.Code);
        Assert.Equal(new Dictionary<string, long> { ["projects"] = 1, ["documents"] = 3, ["blocks"] = 7, ["sources"] = 3, ["block_runs"] = 0, ["entities"] = 0, ["blobs"] = 3 }, deleted.Removed);
        Assert.Equal(["Keep"], (await _strata.Services.Projects.ListAsync(alice, new Paging(), None)).Projects.Select(p => p.Name));
        Assert.Equal(kept.BlockCount, (await _strata.Services.Documents.ListBlocksAsync(alice, kept.DocumentId, new Paging(), None)).Blocks.Count);
        // Bob's copy of the same bytes is his own source and blob: untouched.
        Assert.Equal(3, (await _strata.Services.Documents.ListBlocksAsync(bob, bobs.DocumentId, new Paging(), None)).Blocks.Count);
        var bobsSource = await _strata.Services.Sources.GetSourceAsync(bob, bobs.SourceId, None);
        Assert.True(File.Exists(_strata.BlobPath(bob, bobsSource.ContentHash)));
        Assert.Empty((await _strata.Services.Deletions.ListAsync(bob, new Paging(), None)).Deletions);
        // The name is free again.
        Assert.Equal("Contracts", (await _strata.Services.Projects.CreateAsync(alice, "Contracts", None)).Name);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Project_names_are_unique_per_user_and_a_rename_to_a_taken_name_is_refused(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var alice = await _strata.UserAsync("alice");
        var bob = await _strata.UserAsync("bob");
        var contracts = await _strata.Services.Projects.CreateAsync(alice, "Contracts", None);
        await _strata.Services.Projects.CreateAsync(alice, "Reports", None);

        var twice = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Projects.CreateAsync(alice, " Contracts ", None));
        var taken = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Projects.RenameAsync(alice, "Reports", "Contracts", None));
        var blank = await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Projects.CreateAsync(alice, "  ", None));
        var bobs = await _strata.Services.Projects.CreateAsync(bob, "Contracts", None);
        var renamed = await _strata.Services.Projects.RenameAsync(alice, contracts.ProjectId, "Leases", None);

        Assert.Equal((ErrorCodes.ProjectNameTaken, ErrorCodes.ProjectNameTaken, ErrorCodes.ValidationFailed), (twice.Code, taken.Code, blank.Code));
        Assert.NotEqual(contracts.ProjectId, bobs.ProjectId);
        Assert.Equal((contracts.ProjectId, "Leases"), (renamed.ProjectId, renamed.Name));
        Assert.Equal(contracts.ProjectId, (await _strata.Services.Projects.GetAsync(alice, "Leases", None)).ProjectId);
    }

    public void Dispose() => _strata?.Dispose();
}
