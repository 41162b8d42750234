using Strata.Core.Errors;

namespace Strata.Server.Operations;

/// <summary>
/// A file an operation takes as an argument: its bytes as <c>content_base64</c>, or — only for a local stdio server —
/// a <c>path</c> inside the server's allowed root (<see cref="AllowedRoot"/>). Over HTTP there is no path argument, so
/// no agent can make the server read its own disk.
/// </summary>
/// <param name="LocalFiles">The folder a local stdio server may read; null over HTTP.</param>
/// <param name="What">What the file is, for descriptions and refusals: "the file", "the export".</param>
public sealed record FileArgument(AllowedRoot? LocalFiles, string What)
{
    /// <summary><c>content_base64</c>, and <c>path</c> when local files may be read.</summary>
    /// <param name="bytes">What the bytes are, e.g. "The export's bytes, base64-encoded: a ChatGPT zip...".</param>
    public IEnumerable<Parameter> Parameters(string bytes)
    {
        yield return new("content_base64", ParameterType.String, LocalFiles is null ? bytes : $"{bytes.TrimEnd('.')} (or give path instead).");
        if (LocalFiles is not null)
        {
            yield return new("path", ParameterType.String,
                $"A file to read instead of content_base64; relative paths are taken from {LocalFiles.FullPath}, and the file must lie inside it.");
        }
    }

    /// <summary>Whether the call names the file at all (either argument).</summary>
    public static bool IsGiven(Arguments arguments) => arguments.String("content_base64") is not null || arguments.String("path") is not null;

    /// <summary>The file's content; VALIDATION_FAILED unless exactly one of the two arguments is given.</summary>
    /// <param name="maxBytes">The upload limit, checked on the encoded length before anything is decoded.</param>
    public FileInput Open(Arguments arguments, long maxBytes)
    {
        var base64 = arguments.String("content_base64");
        var path = arguments.String("path");
        if ((base64 is null) == (path is null))
        {
            throw StrataException.Validation(LocalFiles is null
                ? $"'content_base64' is required: {What}'s bytes, base64-encoded."
                : "Give exactly one of 'content_base64' (the bytes) or 'path' (a file inside the allowed folder).");
        }
        return path is not null
            ? new FileInput(LocalFiles!.OpenRead(path), Path.GetFileName(path))
            : new FileInput(new MemoryStream(Base64Content.Decode(base64!, maxBytes), writable: false), null);
    }
}

/// <summary>An opened file argument: its content, and the name its path gave it (null for bytes sent inline).</summary>
public sealed record FileInput(Stream Content, string? NameFromPath) : IAsyncDisposable
{
    /// <summary>The name the caller gave, else the path's last segment.</summary>
    public string? FileName(string? given) => given ?? NameFromPath;

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
