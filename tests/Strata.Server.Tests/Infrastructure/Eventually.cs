using System.Text.Json;

namespace Strata.Server.Tests.Infrastructure;

/// <summary>
/// Waits for work a background worker does, by asking again until it is done. The deadline only keeps a broken worker
/// from hanging the suite; nothing asserts how long the work took.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    /// <summary>Lists runs until <paramref name="runId"/> has finished, and requires it to have completed.</summary>
    public static async Task<JsonElement> CompletedRunAsync(Func<Task<JsonElement>> listRuns, string runId)
    {
        var giveUpAt = DateTimeOffset.UtcNow + Deadline;
        while (true)
        {
            var run = (await listRuns()).GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("run_id").GetString() == runId);
            var status = run.GetProperty("status").GetString();
            if (status is "completed" or "failed" or "cancelled")
            {
                Assert.True(status == "completed", $"The run finished {status}: {run.GetRawText()}");
                return run;
            }
            if (DateTimeOffset.UtcNow > giveUpAt)
            {
                throw new Xunit.Sdk.XunitException($"Run {runId} is still {status}: no worker finished it.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
