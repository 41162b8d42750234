namespace Strata.Formats.Documents;

/// <summary>Container formats (DOCX, PDF) are read by random access. A stream that cannot seek is spooled to a
/// temporary file first, deleted when disposed, rather than into memory.</summary>
internal static class SeekableCopy
{
    public static async Task<Stream> OfAsync(Stream content, CancellationToken cancellationToken)
    {
        if (content.CanSeek)
        {
            return new NonClosingStream(content);
        }
        var path = Path.Combine(Path.GetTempPath(), "strata-convert-" + Guid.NewGuid().ToString("N"));
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await content.CopyToAsync(file, cancellationToken);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Lets a converter dispose what it opened without closing the caller's stream.</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => inner.CanSeek;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
