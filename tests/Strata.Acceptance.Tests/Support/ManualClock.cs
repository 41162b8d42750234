namespace Strata.Acceptance.Tests.Support;

/// <summary>A clock the test moves by hand, so "later" is certain and not a matter of scheduling.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
