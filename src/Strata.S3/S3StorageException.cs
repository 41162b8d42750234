namespace Strata.S3;

/// <summary>
/// S3 could not do what was asked: the server is unreachable, refused the credentials, has no such bucket, or failed.
/// It is an <see cref="IOException"/> so the core treats it like a failing disk under the file store: a storage
/// failure to record and retry, never a reason to change what it has committed. The AWS SDK's exception is the inner
/// exception; messages never carry credentials.
/// </summary>
public sealed class S3StorageException(string message, Exception innerException) : IOException(message, innerException)
{
}
