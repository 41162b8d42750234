using System.Security.Cryptography;
using System.Text;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Jobs;

namespace Strata.Acceptance.Tests;

/// <summary>Blobs left behind by a process killed between writing the bytes and committing their source are deleted
/// by the maintenance sweep once past the grace period; everything a source refers to stays (issue 9, item 9).</summary>
public sealed class OrphanBlobSweepTests : IDisposable
{
    private TestStrata _strata = null!;
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task TheSweepDeletesOldBlobsNoSourceRefersToAndKeepsEverythingElse(string backend)
    {
        _strata = TestStrata.Create(backend);
        var alice = await _strata.UserAsync("alice");
        var kept = await _strata.IngestTextAsync(alice, "kept.csv", "name\nAda\n", interpret: false);
        var grace = _strata.Services.Options.Worker.OrphanBlobGrace;
        var old = (_strata.Clock.GetUtcNow() - grace - TimeSpan.FromHours(1)).UtcDateTime;
        File.SetLastWriteTimeUtc(_strata.BlobPath(alice, kept.ContentHash), old);
        // What a killed ingest leaves: bytes under their content-addressed key, and no source row.
        var orphan = WriteBlob(alice, "never committed", old);
        var otherUsersOrphan = WriteBlob("usr_gone", "never committed either", old);
        var young = WriteBlob(alice, "an ingest between its upload and its commit", _strata.Clock.GetUtcNow().UtcDateTime);
        var notABlob = Path.Combine(_strata.DataDirectory, "sources", alice, "notes.txt");
        await File.WriteAllTextAsync(notABlob, "an operator's file");
        File.SetLastWriteTimeUtc(notABlob, old);

        var deleted = await _strata.Services.OrphanBlobs.SweepAsync(None);

        Assert.Equal(2, deleted);
        Assert.False(File.Exists(orphan));
        Assert.False(File.Exists(otherUsersOrphan));
        Assert.True(File.Exists(young));
        Assert.True(File.Exists(notABlob));
        Assert.Equal("name\nAda\n", await File.ReadAllTextAsync(_strata.BlobPath(alice, kept.ContentHash)));
        Assert.Contains(_strata.Services.Options.Worker.Schedules, s => s.Kind == JobKinds.SweepOrphanBlobs);
    }

    private string WriteBlob(string userId, string content, DateTime lastWritten)
    {
        var path = _strata.BlobPath(userId, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content))));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        File.SetLastWriteTimeUtc(path, lastWritten);
        return path;
    }

    public void Dispose() => _strata?.Dispose();
}
