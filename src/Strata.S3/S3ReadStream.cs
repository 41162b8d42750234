using Amazon.S3.Model;

namespace Strata.S3;

/// <summary>
/// The body of a GET, read as it arrives. The SDK reports a broken or corrupted download as its own client exception
/// from inside Read; here that becomes an <see cref="S3StorageException"/>, so readers of any blob store see a failed
/// read as an <see cref="IOException"/>. Disposing it releases the whole response and its connection.
/// </summary>
internal sealed class S3ReadStream(GetObjectResponse response, string bucket, string objectKey) : Stream
{
    private readonly Stream _body = response.ResponseStream;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => response.ContentLength;

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return _body.Read(buffer);
        }
        catch (Exception failure) when (S3Failures.IsStorageFailure(failure, CancellationToken.None))
        {
            throw S3Failures.Wrap("GET", bucket, objectKey, failure);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _body.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception failure) when (S3Failures.IsStorageFailure(failure, cancellationToken))
        {
            throw S3Failures.Wrap("GET", bucket, objectKey, failure);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            response.Dispose();
        }
        base.Dispose(disposing);
    }
}
