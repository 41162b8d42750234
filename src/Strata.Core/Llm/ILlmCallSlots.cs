namespace Strata.Core.Llm;

/// <summary>
/// The concurrency budget of model calls, held in the database so that every worker of every process shares it: at most
/// <see cref="LlmCallLimits.Global"/> calls at once in all, and <see cref="LlmCallLimits.PerUser"/> for one user. A slot is
/// a lease: a holder that dies without releasing it frees it when it expires.
/// </summary>
public interface ILlmCallSlots
{
    /// <summary>Takes a slot when both bounds allow it (expired leases do not count); null when they do not.</summary>
    Task<string?> TryAcquireAsync(string userId, string holder, LlmCallLimits limits, DateTimeOffset now, CancellationToken cancellationToken);

    Task ReleaseAsync(string slotId, CancellationToken cancellationToken);

    /// <summary>Extends a held slot's lease to <paramref name="expiresAt"/>: a holder renews its slot while its call runs, so
    /// the lease can be short and a dead holder's slot frees soon after it died. False when the slot is gone.</summary>
    Task<bool> RenewAsync(string slotId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Slots held now (unexpired), for tests and metrics.</summary>
    Task<int> CountHeldAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <param name="Lease">How long a slot holds without being renewed before it counts as abandoned (its holder died): the
/// holder renews it every third of this while its call runs, so a long call with its retries keeps it.</param>
public sealed record LlmCallLimits(int Global, int PerUser, TimeSpan Lease)
{
    public static readonly LlmCallLimits Default = new(16, 4, TimeSpan.FromMinutes(1));
}
