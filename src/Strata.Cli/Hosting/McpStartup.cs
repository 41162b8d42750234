namespace Strata.Cli.Hosting;

/// <summary>What `strata mcp` does before anything else so that <c>initialize</c> is answered at once.</summary>
internal static class McpStartup
{
    // The pool starts with one worker per core (two here) and adds more only about twice a second. At start-up one
    // worker opens and migrates the database and another sits in the stdio transport's read, so the initialize
    // request waited in the queue until the database was open: 226 ms to the answer against 136 ms with more
    // workers ready (published build, same machine and load). Eight is headroom, not a cap: the pool still grows.
    private const int StartingWorkers = 8;

    public static void ReserveThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers < StartingWorkers) ThreadPool.SetMinThreads(StartingWorkers, completionPorts);
    }
}
