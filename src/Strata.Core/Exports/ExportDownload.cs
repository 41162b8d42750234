namespace Strata.Core.Exports;

/// <summary>
/// An export checked and ready to stream: what it will be called and its media type are known before the first byte,
/// so an HTTP response can send its headers, and a refusal (an unknown format, a missing document) comes before any.
/// </summary>
/// <param name="WriteToAsync">Streams the export onto the destination, reading the store in bounded pages; reports the
/// rows written so far to the progress, when one is given.</param>
public sealed record ExportDownload(string FileName, string MediaType, Func<Stream, IProgress<long>?, CancellationToken, Task> WriteToAsync);
