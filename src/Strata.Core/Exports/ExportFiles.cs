using System.IO.Compression;

namespace Strata.Core.Exports;

/// <summary>Where an export's tables go: one table is the file itself; several are entries of one ZIP, one file each.</summary>
internal sealed class ExportFiles(ExportOutput output, ZipArchive? zip) : IAsyncDisposable
{
    public const string ZipMediaType = "application/zip";

    private Stream? _entry;

    public ExportOutput Output => output;

    public static ExportFiles Single(ExportOutput output) => new(output, null);

    public static ExportFiles Zip(ExportOutput output) => new(output, new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true));

    /// <summary>The stream the next file is written to (a ZIP entry named <paramref name="path"/>, or the output).</summary>
    public Stream Begin(string path)
    {
        if (zip is null)
        {
            return output;
        }
        _entry = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        return _entry;
    }

    public void End()
    {
        _entry?.Dispose();
        _entry = null;
    }

    /// <summary>Writes the ZIP's directory and passes every byte still held to the destination.</summary>
    public async ValueTask DisposeAsync()
    {
        End();
        zip?.Dispose();
        await output.DrainAsync(all: true, CancellationToken.None);
    }
}
