using System.Text;
using Strata.Acceptance.Tests.Support;
using Strata.Core;
using Strata.Core.Documents;
using Strata.Core.Errors;
using Strata.Core.Jobs;

namespace Strata.Acceptance.Tests.Documents;

/// <summary>A file added to a project becomes a document converted by a job: uploaded → converting → ingested, or
/// conversion_failed with the error kept; a conversion that hangs is failed by the maintenance worker.</summary>
public sealed class DocumentConversionTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestStrata _strata = null!;

    private const string Lease = "# Lease\n\nThe tenant pays rent monthly.\n\n## Term\n\n- one year\n- renewable\n";

    private Task<Core.Operations.AddDocumentResult> AddAsync(string user, string project, string name, string text, bool wait = true) =>
        _strata.Services.Documents.AddFileAsync(user, project, new MemoryStream(Encoding.UTF8.GetBytes(text)), name, null, wait, None);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AMarkdownFileAddedToAProjectIsConvertedIntoLocatedBlocksThatSliceBackToItsText(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var alice = await _strata.UserAsync("alice");
        var project = await _strata.Services.Projects.CreateAsync(alice, "Contracts", None);

        var added = await AddAsync(alice, "Contracts", "lease.md", Lease);

        Assert.True(added.Created);
        var document = added.Document;
        Assert.Equal((DocumentStatuses.Ingested, project.ProjectId, "lease.md", "text/markdown"), (document.Status, document.ProjectId, document.Name, document.MediaType));
        Assert.StartsWith("conv_", document.ConvUid);
        var blocks = await _strata.Services.Documents.ListBlocksAsync(alice, document.DocumentId, new Paging(), None);
        Assert.Equal(document.BlockCount, blocks.Blocks.Count);
        Assert.Equal(["heading", "paragraph", "heading", "list_item", "list_item"], blocks.Blocks.Select(b => b.Type));
        foreach (var block in blocks.Blocks)
        {
            var start = block.Locator.GetProperty("start").GetInt32();
            var end = block.Locator.GetProperty("end").GetInt32();
            Assert.Equal("text_offset_range", block.Locator.GetProperty("kind").GetString());
            Assert.Contains(block.Content.TrimStart('#', ' ', '-').Trim(), Lease[start..end]);
            Assert.Equal($"{document.ConvUid}:{block.Index}", block.BlockUid);
        }
        Assert.Equal(["Lease", "Term"], blocks.Blocks[3].HeadingPath);
        var one = await _strata.Services.Documents.GetBlockAsync(alice, blocks.Blocks[1].BlockUid, None);
        Assert.Equal(blocks.Blocks[1], one with { HeadingPath = blocks.Blocks[1].HeadingPath, Locator = blocks.Blocks[1].Locator });

        // The same bytes again are the same document; the project counts it once.
        var again = await AddAsync(alice, project.ProjectId, "lease-copy.md", Lease);
        Assert.Equal((false, true, document.DocumentId), (again.Created, again.SourceDeduplicated, again.Document.DocumentId));
        Assert.Equal(1, (await _strata.Services.Projects.GetAsync(alice, "Contracts", None)).DocumentCount);
        var listed = await _strata.Services.Documents.ListAsync(alice, "Contracts", null, new Paging(), None);
        Assert.Equal([document.DocumentId], listed.Documents.Select(d => d.DocumentId));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AFileTheConverterRefusesEndsConversionFailedWithTheErrorKeptAndNoBlocks(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var alice = await _strata.UserAsync("alice");
        await _strata.Services.Projects.CreateAsync(alice, "Contracts", None);

        var added = await _strata.Services.Documents.AddFileAsync(alice, "Contracts", new MemoryStream("not a zip at all"u8.ToArray()), "broken.docx", null, wait: true, None);

        Assert.Equal(DocumentStatuses.ConversionFailed, added.Document.Status);
        Assert.StartsWith(ErrorCodes.MalformedContent, added.Document.Error);
        Assert.Empty((await _strata.Services.Documents.ListBlocksAsync(alice, added.Document.DocumentId, new Paging(), None)).Blocks);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task ADocxDeclaringADtdFailsOnItsFirstAttemptWithAMessageAboutTheFileNotAboutDotNet(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var alice = await _strata.UserAsync("alice");
        await _strata.Services.Projects.CreateAsync(alice, "Contracts", None);
        var file = Path.Combine(_strata.DataDirectory, "dtd.docx");
        OfficePackage.WriteDocx(file, w => w.Write("<w:p><w:r><w:t>&e;</w:t></w:r></w:p>"),
            """<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY e "expanded">]>""");

        Core.Operations.AddDocumentResult added;
        await using (var bytes = File.OpenRead(file))
        {
            added = await _strata.Services.Documents.AddFileAsync(alice, "Contracts", bytes, "dtd.docx", null, wait: true, None);
        }

        Assert.Equal(DocumentStatuses.ConversionFailed, added.Document.Status);
        Assert.Equal($"{ErrorCodes.MalformedContent}: The DOCX file's part word/document.xml declares a DTD (document type definition); " +
            "Strata refuses DTDs in documents for safety, and Word and Excel never write one.", added.Document.Error);
        Assert.DoesNotContain("DtdProcessing", added.Document.Error);
        // Refused at once and never retried: MALFORMED_CONTENT is the same on every attempt.
        Assert.Equal(["attempt=1|state=failed"], _strata.Rows("SELECT attempt, state FROM jobs WHERE kind = @kind", new { kind = JobKinds.ConvertDocument }));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AFileOfATypeNoConverterReadsIsRefusedBeforeADocumentExists(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var alice = await _strata.UserAsync("alice");
        await _strata.Services.Projects.CreateAsync(alice, "Contracts", None);

        var refused = await Assert.ThrowsAsync<StrataException>(() => AddAsync(alice, "Contracts", "contacts.vcf", "BEGIN:VCARD\nFN:Ada\nEND:VCARD\n"));

        Assert.Equal(ErrorCodes.UnsupportedMediaType, refused.Code);
        Assert.Empty((await _strata.Services.Documents.ListAsync(alice, "Contracts", null, new Paging(), None)).Documents);
        // Nothing of the refused file is left: no source, no bytes.
        Assert.Empty((await _strata.Services.Sources.ListSourcesAsync(alice, new Paging(), None)).Sources);
        Assert.Equal(0, _strata.Counts()["blobs"]);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AConversionThatHangsPastTheTimeoutIsFailedByTheMaintenanceWorkerAndItsHungWorkerCannotFinishIt(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var alice = await _strata.UserAsync("alice");
        await _strata.Services.Projects.CreateAsync(alice, "Contracts", None);
        var queued = (await AddAsync(alice, "Contracts", "lease.md", Lease, wait: false)).Document;
        Assert.Equal(DocumentStatuses.Uploaded, queued.Status);
        // A worker takes the job and starts converting, then hangs.
        var job = await _strata.Services.Store.Jobs.ClaimAsync(new JobClaim("hung-worker", [JobKinds.ConvertDocument], TimeSpan.FromHours(1)) { Subject = queued.DocumentId }, None);
        Assert.NotNull(job);
        await using (var session = await _strata.Services.Store.OpenWriteAsync(alice, None))
        {
            Assert.True(await session.Documents.StartConversionAsync(queued.DocumentId, "markdown", "1", "conv_hung", _strata.Clock.GetUtcNow(), None));
            await session.CommitAsync(None);
        }

        _strata.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Empty(await _strata.Services.Maintenance.TimeOutStaleConversionsAsync(None));
        _strata.Clock.Advance(TimeSpan.FromMinutes(2));
        var failed = await _strata.Services.Maintenance.TimeOutStaleConversionsAsync(None);

        Assert.Equal([queued.DocumentId], failed.Select(f => f.DocumentId));
        var document = await _strata.Services.Documents.GetAsync(alice, queued.DocumentId, None);
        Assert.Equal(DocumentStatuses.ConversionFailed, document.Status);
        Assert.Contains("no progress for 00:05:00", document.Error);
        await using var late = await _strata.Services.Store.OpenWriteAsync(alice, None);
        Assert.False(await late.Documents.BeatAsync(queued.DocumentId, _strata.Clock.GetUtcNow(), None));
        Assert.False(await late.Documents.FinishConversionAsync(queued.DocumentId, 5, _strata.Clock.GetUtcNow(), None));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task AQueuedConversionIsDoneByAWorkerAndAnotherUsersIdsAnswerNotFound(string backend)
    {
        _strata = new TestStrata(backend: backend);
        var alice = await _strata.UserAsync("alice");
        var bob = await _strata.UserAsync("bob");
        var project = await _strata.Services.Projects.CreateAsync(alice, "Contracts", None);
        var queued = (await AddAsync(alice, "Contracts", "lease.md", Lease, wait: false)).Document;

        await _strata.RunDueJobsAsync();

        var document = await _strata.Services.Documents.GetAsync(alice, queued.DocumentId, None);
        Assert.Equal((DocumentStatuses.Ingested, 5), (document.Status, document.BlockCount));
        var block = (await _strata.Services.Documents.ListBlocksAsync(alice, document.DocumentId, new Paging(1), None)).Blocks[0];
        Assert.Equal(ErrorCodes.ProjectNotFound, (await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Projects.GetAsync(bob, project.ProjectId, None))).Code);
        Assert.Equal(ErrorCodes.ProjectNotFound, (await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Documents.ListAsync(bob, "Contracts", null, new Paging(), None))).Code);
        Assert.Equal(ErrorCodes.DocumentNotFound, (await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Documents.GetAsync(bob, document.DocumentId, None))).Code);
        Assert.Equal(ErrorCodes.DocumentNotFound, (await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Documents.ListBlocksAsync(bob, document.DocumentId, new Paging(), None))).Code);
        Assert.Equal(ErrorCodes.BlockNotFound, (await Assert.ThrowsAsync<StrataException>(() => _strata.Services.Documents.GetBlockAsync(bob, block.BlockUid, None))).Code);
    }

    public void Dispose() => _strata?.Dispose();
}
