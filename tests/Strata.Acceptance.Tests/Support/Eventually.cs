namespace Strata.Acceptance.Tests.Support;

/// <summary>Waits for a condition that real background workers make true. The limit only stops a broken build
/// from hanging; no test asserts how long anything took.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (!await condition())
        {
            if (limit.IsCancellationRequested) throw new Xunit.Sdk.XunitException($"Never happened: {what}.");
            await Task.Delay(25, CancellationToken.None);
        }
    }
}
