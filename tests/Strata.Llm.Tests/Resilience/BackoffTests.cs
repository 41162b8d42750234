using System.Net.Http.Headers;
using Strata.Llm.Resilience;

namespace Strata.Llm.Tests.Resilience;

public sealed class BackoffTests
{
    private static readonly RetryOptions Options = new() { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(20) };

    [Fact]
    public void Delays_double_with_jitter_in_the_upper_half_and_stop_at_the_cap()
    {
        var random = new Random(1);
        for (var retry = 1; retry <= 8; retry++)
        {
            var step = Math.Min(Math.Pow(2, retry - 1), 20);
            var delay = Backoff.Delay(retry, Options, random).TotalSeconds;
            Assert.InRange(delay, step / 2, step);
        }
    }

    [Fact]
    public void Two_clients_hit_by_the_same_429_do_not_retry_in_lockstep()
    {
        var a = Backoff.Delay(3, Options, new Random(1));
        var b = Backoff.Delay(3, Options, new Random(2));
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Retry_after_reads_seconds_and_http_dates_and_never_goes_negative()
    {
        var now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(12), RetryAfter.From(RetryConditionHeaderValue.Parse("12"), now));
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.From(RetryConditionHeaderValue.Parse("Mon, 23 Nov 2026 10:01:30 GMT"), now));
        Assert.Equal(TimeSpan.Zero, RetryAfter.From(RetryConditionHeaderValue.Parse("Mon, 23 Nov 2026 09:00:00 GMT"), now));
        Assert.Null(RetryAfter.From(null, now));
    }
}
