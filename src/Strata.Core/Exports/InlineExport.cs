using System.Text;
using Strata.Core.Errors;

namespace Strata.Core.Exports;

/// <summary>An export small enough to be an answer: written into memory up to <see cref="MaxBytes"/>, refused
/// (EXPORT_TOO_LARGE, naming the download that has no limit) beyond it.</summary>
public static class InlineExport
{
    public const int MaxBytes = 1024 * 1024;

    public static async Task<ExportResult> CaptureAsync(ExportDownload download, string downloadPath, CancellationToken cancellationToken)
    {
        var captured = new CappedStream(MaxBytes, download.FileName, downloadPath);
        var rows = new LastCount();
        await download.WriteToAsync(captured, rows, cancellationToken);
        var bytes = captured.ToArray();
        var text = download.MediaType.StartsWith("text/", StringComparison.Ordinal) || download.MediaType == "application/jsonl";
        return new ExportResult(download.FileName, download.MediaType, rows.Value, bytes.Length,
            Content: text ? Encoding.UTF8.GetString(bytes) : null, ContentBase64: text ? null : Convert.ToBase64String(bytes));
    }

    private sealed class LastCount : IProgress<long>
    {
        public long Value { get; private set; }

        public void Report(long value) => Value = value;
    }

    private sealed class CappedStream(int cap, string fileName, string downloadPath) : MemoryStream
    {
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Check(buffer.Length);
            base.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            Check(count);
            base.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Check(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Check(count);
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        private void Check(int more)
        {
            if (Length + more > cap)
            {
                throw new StrataException(ErrorCodes.ExportTooLarge,
                    $"{fileName} is larger than {cap / 1024 / 1024} MB, the most an answer carries: download it from {downloadPath} (streamed, no limit), or use `strata export`.");
            }
        }
    }
}
