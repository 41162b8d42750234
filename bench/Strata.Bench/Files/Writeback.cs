using System.Diagnostics;

namespace Strata.Bench.Files;

/// <summary>
/// Flushes the kernel's dirty pages before a timed write, outside the timing. Without it a run pays for the
/// write-back of the gigabyte the previous run left in the page cache, and whichever side runs second loses.
/// </summary>
public static class Writeback
{
    public static async Task SettleAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using var sync = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false });
        if (sync is not null)
        {
            await sync.WaitForExitAsync(cancellationToken);
        }
    }
}
