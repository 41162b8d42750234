namespace Strata.Core.Sources;

/// <summary>
/// How many bytes the blob store refused may wait in the database for their upload (<see cref="PendingBytes"/>). The
/// database is not meant to hold files: past a cap, an ingest the blob store refuses is itself refused
/// (<c>BLOB_STORE_UNAVAILABLE</c>) and keeps nothing. Null means no limit. Configured under <c>PendingUploads:</c>.
/// </summary>
public sealed record PendingUploadLimits
{
    public const long DefaultMaxBytes = 1L << 30;
    public const long DefaultMaxBytesPerUser = 256L << 20;

    /// <summary>All users' pending bytes together.</summary>
    public long? MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>One user's pending bytes, so one user cannot take the whole allowance during an outage.</summary>
    public long? MaxBytesPerUser { get; init; } = DefaultMaxBytesPerUser;
}
