using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Strata.Core.Errors;

namespace Strata.Server.Http;

/// <summary>
/// A <c>multipart/form-data</c> request body read part by part as it arrives, never buffered whole: REST's uploads
/// (<c>POST /v1/sources</c>, <c>POST /v1/projects/{project}/uploads</c>) and the web page's streamed forms all read it
/// here. A body that breaks the format — no boundary parameter, no boundary line, a part cut off before its boundary,
/// headers past the limit — is the sender's mistake and answers 400 <c>VALIDATION_FAILED</c>, wherever the break is
/// found: between parts or while a part's bytes stream into the spool (which then keeps nothing of that part).
/// </summary>
internal sealed class MultipartForm
{
    private const int HeadersLengthLimit = 16 * 1024;

    private readonly MultipartReader _reader;

    private MultipartForm(string boundary, Stream body) =>
        _reader = new MultipartReader(boundary, body) { HeadersLengthLimit = HeadersLengthLimit };

    /// <summary>Whether a part's bytes broke the format while a handler read them; the whole body is refused then, so a
    /// handler that reports refused files one by one must not report this as one file's refusal.</summary>
    public bool IsBroken { get; private set; }

    /// <summary>Whether the request says it is a multipart form (it may still lack its boundary).</summary>
    public static bool IsMultipart(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    /// <summary>The request's form; <c>VALIDATION_FAILED</c> with <paramref name="howToSend"/> when it is not a multipart
    /// form with a boundary.</summary>
    public static MultipartForm Open(HttpRequest request, string howToSend)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw StrataException.Validation(howToSend);
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw StrataException.Validation("The multipart Content-Type has no boundary parameter: " + howToSend);
        }
        return new MultipartForm(boundary, request.Body);
    }

    /// <summary>The next part, or null after the closing boundary.</summary>
    public async Task<MultipartPart?> NextAsync(CancellationToken cancellationToken)
    {
        MultipartSection? section;
        try
        {
            section = await _reader.ReadNextSectionAsync(cancellationToken);
        }
        catch (Exception broken) when (IsFormatError(broken))
        {
            throw Broken(broken);
        }
        if (section is null) return null;
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition);
        var isFormData = disposition?.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase) == true;
        var name = disposition is null ? "" : HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
        var fileName = disposition is null ? null
            : disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
        return new MultipartPart(isFormData, name, string.IsNullOrEmpty(fileName) ? null : fileName, section.ContentType,
            new PartBody(section.Body, this));
    }

    /// <summary>ASP.NET's multipart reader says a body breaks the format with a plain <see cref="IOException"/> (the body
    /// ended before a boundary) or an <see cref="InvalidDataException"/> (a line or the headers too long); the transport's
    /// own failures are subclasses (Kestrel's 413 <c>BadHttpRequestException</c>, a reset connection) and go on as they are.</summary>
    private static bool IsFormatError(Exception failure) => failure is InvalidDataException || failure.GetType() == typeof(IOException);

    private StrataException Broken(Exception failure)
    {
        IsBroken = true;
        return StrataException.Validation($"The multipart body is malformed: {failure.Message.TrimEnd('.')}. "
            + "Each part must start with the boundary line of the Content-Type and the body must end with the closing boundary.");
    }

    /// <summary>A part's bytes, with a break in the format said as <c>VALIDATION_FAILED</c>.</summary>
    private sealed class PartBody(Stream inner, MultipartForm form) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.ReadAsync(buffer, cancellationToken);
            }
            catch (Exception broken) when (IsFormatError(broken))
            {
                throw form.Broken(broken);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        // Kestrel refuses synchronous reads of a request body; so does this part of it.
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read the part asynchronously.");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>One part of a multipart form: a field, or a file (a part with a file name).</summary>
/// <param name="IsFormData">Whether its Content-Disposition is <c>form-data</c> (with a name).</param>
internal sealed record MultipartPart(bool IsFormData, string Name, string? FileName, string? ContentType, Stream Body)
{
    /// <summary>A field's text, refused with <c>VALIDATION_FAILED</c> past <paramref name="maxChars"/>.</summary>
    public async Task<string> ReadTextAsync(int maxChars, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(Body, Encoding.UTF8);
        var buffer = new char[maxChars + 1];
        var length = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return length <= maxChars
            ? new string(buffer, 0, length)
            : throw StrataException.Validation($"The form field '{Name}' is longer than {maxChars} characters.");
    }
}
