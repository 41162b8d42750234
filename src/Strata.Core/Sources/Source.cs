namespace Strata.Core.Sources;

/// <summary>An input as received: immutable bytes, content-addressed per user.</summary>
public sealed record Source(
    string Id,
    string UserId,
    string ContentHash,
    long ByteSize,
    string MimeType,
    string? OriginalFilename,
    string StorageStatus,
    DateTimeOffset CreatedAt,
    string? StorageError = null)
{
    public string BlobKey => BlobKeys.For(UserId, ContentHash);
}

public static class StorageStatuses
{
    public const string Uploaded = "uploaded";
    public const string Pending = "pending";
    public const string Failed = "failed";
}

public static class BlobKeys
{
    /// <summary><c>sources/{user_id}/{sha256}</c>: the same layout on every blob store.</summary>
    public static string For(string userId, string contentHash) => $"sources/{userId}/{contentHash}";
}
