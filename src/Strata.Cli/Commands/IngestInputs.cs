namespace Strata.Cli.Commands;

/// <summary>What <c>strata ingest</c> reads: files, every file under a folder, or standard input (<c>-</c>).</summary>
internal static class IngestInputs
{
    public const string StandardInput = "-";

    /// <param name="Path">A file's path, or <c>-</c> for standard input.</param>
    /// <param name="Skipped">Why the entry is not ingested (hidden, a link leaving the folder), or null.</param>
    public sealed record Input(string Path, string? Skipped = null);

    /// <summary>The arguments in order, each folder replaced by its files: recursively, sorted by their path (ordinal,
    /// so the same folder is always ingested in the same order), hidden files and folders left out, and symbolic
    /// links followed only to files inside the folder.</summary>
    public static IEnumerable<Input> Expand(IEnumerable<string> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument != StandardInput && Directory.Exists(argument))
            {
                foreach (var input in Walk(argument)) yield return input;
            }
            else
            {
                yield return new Input(argument);
            }
        }
    }

    private static IEnumerable<Input> Walk(string folder)
    {
        var root = Path.GetFullPath(folder);
        var files = new List<Input>();
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                if (entry.Name.StartsWith('.')) continue; // hidden: .git, .DS_Store...
                if (entry is DirectoryInfo subfolder)
                {
                    if (subfolder.LinkTarget is not null) files.Add(new Input(entry.FullName, "a linked folder is not followed"));
                    else pending.Push(subfolder.FullName);
                }
                else if (entry.LinkTarget is not null && !Inside(root, entry.ResolveLinkTarget(returnFinalTarget: true)?.FullName))
                {
                    files.Add(new Input(entry.FullName, "a link to a file outside the folder"));
                }
                else
                {
                    files.Add(new Input(entry.FullName));
                }
            }
        }
        return files.OrderBy(f => f.Path, StringComparer.Ordinal);
    }

    private static bool Inside(string root, string? path) =>
        path is not null && File.Exists(path) && Path.GetFullPath(path).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
