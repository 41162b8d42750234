using System.IO.Compression;
using Strata.Acceptance.Tests.Support;
using Strata.Core.Archive;
using Strata.Core.Errors;

namespace Strata.Acceptance.Tests.Archive;

/// <summary>An archive that is not whole, or not the importer's, is refused before anything is written.</summary>
public sealed class ArchiveRefusalTests
{
    private static async Task RefusedAsync(string backend, Func<string, string> spoil, string code, string because)
    {
        var (origin, alice, archive, target) = await ArchiveStores.ArchiveAndTargetAsync(backend);
        using var disposeOrigin = origin;
        using var disposeTarget = target;
        archive = spoil(archive);
        await target.UserAsync("bob");
        var before = target.Fingerprint();

        var importer = code == ErrorCodes.ArchiveUserMismatch ? await target.UserAsync("bob") : alice;
        var refused = await Assert.ThrowsAsync<StrataException>(() => ArchiveStores.ImportAsync(target, importer, archive));

        Assert.Equal(code, refused.Code);
        Assert.Contains(because, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, target.Fingerprint());
    }

    /// <summary>The same archive with one entry's bytes changed (one letter of a row), the manifest left as it was.</summary>
    private static string AlterRow(string path)
    {
        var altered = path + ".altered.zip";
        using (var input = ZipFile.OpenRead(path))
        using (var output = ZipFile.Open(altered, ZipArchiveMode.Create))
        {
            foreach (var entry in input.Entries)
            {
                using var from = entry.Open();
                using var reader = new MemoryStream();
                from.CopyTo(reader);
                var bytes = reader.ToArray();
                if (entry.FullName == ArchiveFormat.TableEntry("entities")) bytes[bytes.Length / 2] ^= 0x01;
                using var to = output.CreateEntry(entry.FullName).Open();
                to.Write(bytes);
            }
        }
        return altered;
    }

    private static string Truncate(string path)
    {
        var cut = path + ".cut.zip";
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);
        return cut;
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public Task An_archive_with_an_altered_row_is_refused_and_nothing_is_written(string backend) =>
        RefusedAsync(backend, AlterRow, ErrorCodes.ArchiveInvalid, "tables/entities.jsonl is not what the manifest says");

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public Task A_truncated_archive_is_refused_and_nothing_is_written(string backend) =>
        RefusedAsync(backend, Truncate, ErrorCodes.ArchiveInvalid, "not a whole Strata archive");

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public Task Another_users_archive_is_refused_and_nothing_is_written(string backend) =>
        RefusedAsync(backend, path => path, ErrorCodes.ArchiveUserMismatch, "loads only for the user of the same name");
}
