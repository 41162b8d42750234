using System.Threading.Channels;
using Strata.Core.Storage;

namespace Strata.Core.Recall.Embeddings;

/// <summary>
/// The embedding backfill's writes, on one background task, so the store's time hides behind the provider's: each write
/// is one transaction of one page's vectors, committed in the order given. At most <see cref="QueuedWrites"/> writes wait
/// behind the one being written, so the vectors held in memory are bounded whatever the backfill's size, and the backfill
/// waits when the store falls behind. A write that fails stops the writer; the next <see cref="WriteAsync"/> or
/// <see cref="CompleteAsync"/> throws its exception, and the writes queued after it are not made.
/// </summary>
internal sealed class BackfillVectorWriter
{
    public const int QueuedWrites = 2;

    private readonly Channel<IReadOnlyList<(UnitKey Key, float[] Vector)>> _queue =
        Channel.CreateBounded<IReadOnlyList<(UnitKey Key, float[] Vector)>>(new BoundedChannelOptions(QueuedWrites)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

    private readonly Task _writing;

    /// <summary>Starts the writer; <paramref name="cancellationToken"/> abandons the write in progress and those queued.</summary>
    public BackfillVectorWriter(IStrataStore store, string userId, string model, CancellationToken cancellationToken) =>
        _writing = Task.Run(() => WriteAllAsync(store, userId, model, cancellationToken), CancellationToken.None);

    /// <summary>Queues one transaction's vectors, waiting while <see cref="QueuedWrites"/> are queued.</summary>
    public async Task WriteAsync(IReadOnlyList<(UnitKey Key, float[] Vector)> vectors, CancellationToken cancellationToken)
    {
        if (!await _queue.Writer.WaitToWriteAsync(cancellationToken) || !_queue.Writer.TryWrite(vectors))
        {
            await _writing; // the writer stopped: its failure is this write's
            throw new InvalidOperationException("The backfill's writer has stopped.");
        }
    }

    /// <summary>Waits until every queued write is committed.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await _writing;
    }

    /// <summary>After the backfill failed (its token cancelled): waits for the writer to stop; its own outcome is moot.</summary>
    public async Task AbandonAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAny(_writing);
    }

    private async Task WriteAllAsync(IStrataStore store, string userId, string model, CancellationToken cancellationToken)
    {
        try
        {
            var written = 0;
            await foreach (var vectors in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                await using var write = await store.OpenWriteAsync(userId, cancellationToken);
                await write.Recall.AddVectorsAsync(model, vectors, cancellationToken);
                // A crash test's hold point: inside a write after the first, so one is committed and one is not.
                if (written++ > 0) await HoldPoint.ReachedAsync("embedding-batch", cancellationToken);
                await write.CommitAsync(cancellationToken);
            }
        }
        catch (Exception failed)
        {
            // Wakes a WriteAsync waiting for room; it then throws this failure.
            _queue.Writer.TryComplete(failed);
            throw;
        }
    }
}
