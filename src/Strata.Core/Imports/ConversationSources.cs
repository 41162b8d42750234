using Strata.Core.Sources;

namespace Strata.Core.Imports;

/// <summary>A conversation read back from its source's bytes: the canonical JSON the import stored.</summary>
public static class ConversationSources
{
    public static async Task<CanonicalConversation> ReadAsync(IBlobStore blobs, Source source, CancellationToken cancellationToken)
    {
        await using var content = await blobs.OpenReadAsync(source.BlobKey, cancellationToken);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        return CanonicalConversation.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }
}
