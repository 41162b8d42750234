using Strata.Core.Storage;

namespace Strata.Core.Imports;

/// <summary>
/// The lease by which the process reading an export holds its import. While it reads, a beat renews the lease every
/// third of <see cref="ChatImportOptions.Lease"/>, in a transaction of its own (one short UPDATE, fenced on the import
/// still processing), so a slow batch never lets it lapse. A process killed with <c>kill -9</c> writes nothing more:
/// the next command that reads the user's imports finds the lease lapsed and ends the import failed, saying it was
/// interrupted and what was kept (<see cref="SettleLapsedAsync"/>: each import in one fenced UPDATE, so a reader that
/// renewed meanwhile keeps it). A running import that finds itself ended so stops at its next batch.
/// </summary>
internal sealed class ImportLease(IStrataStore store, ChatImportOptions options, TimeProvider clock)
{
    public DateTimeOffset Until(DateTimeOffset now) => now + options.Lease;

    /// <summary>Renews <paramref name="import"/>'s lease until <paramref name="stop"/> is cancelled; a failed beat is tried
    /// again at the next (the lease is long enough for two to fail).</summary>
    public async Task HoldAsync(ChatImport import, CancellationToken stop)
    {
        var every = options.Lease / 3;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, clock, stop);
                await using var session = await store.OpenWriteAsync(import.UserId, stop);
                var held = await session.ChatImports.RenewLeaseAsync(import.Id, Until(clock.GetUtcNow()), stop);
                await session.CommitAsync(stop);
                if (!held) return;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception missed) when (missed is not OutOfMemoryException)
            {
                // A busy or full store: the next beat tries again, and the import's own writes report the fault.
            }
        }
    }

    /// <summary>Ends failed every import of the user whose reader died (its lease lapsed while it was processing).</summary>
    public async Task SettleLapsedAsync(string userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<ChatImport> lapsed;
        await using (var read = await store.OpenReadAsync(userId, cancellationToken))
        {
            lapsed = await read.ChatImports.ListLapsedAsync(now, cancellationToken);
        }
        if (lapsed.Count == 0) return;
        await using var session = await store.OpenWriteAsync(userId, cancellationToken);
        foreach (var import in lapsed)
        {
            await session.ChatImports.FailLapsedAsync(import.Id, ChatImport.Clip(Interrupted(import)), now, cancellationToken);
        }
        await session.CommitAsync(cancellationToken);
    }

    public static string Interrupted(ChatImport import) =>
        $"INTERRUPTED: The process reading the export stopped without ending the import (killed or crashed), after {import.ConversationsRead} " +
        "conversations; those are kept. Import the export again to read the rest: conversations already stored are counted unchanged.";
}
