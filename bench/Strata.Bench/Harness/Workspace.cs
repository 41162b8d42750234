using Microsoft.Data.Sqlite;

namespace Strata.Bench.Harness;

/// <summary>A fresh temp folder for one benchmark, removed afterwards with everything generated in it.</summary>
public sealed class Workspace : IDisposable
{
    public Workspace(string name)
    {
        Root = Path.Combine(Path.GetTempPath(), $"strata-bench-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string name) => Path.Combine(Root, name);

    public string Folder(string name) => Directory.CreateDirectory(PathOf(name)).FullName;

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("STRATA_BENCH_KEEP") == "1")
        {
            Console.Error.WriteLine($"kept {Root} (STRATA_BENCH_KEEP=1)");
            return;
        }
        // Pooled connections hold the database files open; release them before deleting.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException failure)
        {
            Console.Error.WriteLine($"warning: could not remove {Root}: {failure.Message}");
        }
    }
}
