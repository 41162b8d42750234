namespace Strata.Core.Webhooks;

/// <summary>Settings of outbound deliveries (<c>Webhooks:…</c>).</summary>
public sealed record WebhookOptions
{
    /// <summary><c>Webhooks:AllowLoopback</c>: lets deliveries reach 127.0.0.0/8 and ::1. For tests only, whose
    /// receivers listen on the loopback; every other private, link-local or metadata address stays refused.</summary>
    public bool AllowLoopback { get; init; }

    /// <summary>How long one attempt may take, connection and answer together.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How much of a receiver's answer is read (kept as the attempt's error when it is not 2xx).</summary>
    public int MaxResponseBytes { get; init; } = 1024;

    /// <summary>The waits between the <see cref="WebhookEmitter.MaxAttempts"/> attempts of a delivery: 5 min, 10, 20, 40, 80, 160, 320: the seven waits between eight attempts, all within 24 hours.</summary>
    public Jobs.RetryPolicy Backoff { get; init; } = Jobs.RetryPolicy.Exponential(TimeSpan.FromMinutes(5), TimeSpan.FromHours(6));
}
