using Strata.Core.Errors;

namespace Strata.Server.Operations;

/// <summary>
/// The one folder a local (stdio) server may read files from when an agent passes a path. An agent's arguments
/// can come from untrusted text (prompt injection), so a path must resolve — symbolic links included — inside it.
/// </summary>
public sealed class AllowedRoot
{
    private const int MaxLinkDepth = 40;

    public AllowedRoot(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            throw StrataException.Validation($"The allowed root {full} is not a folder.");
        }
        FullPath = RealPath(full, 0);
    }

    /// <summary>The folder itself, with links resolved.</summary>
    public string FullPath { get; }

    /// <summary>Opens a file for reading if it lies inside the root; relative paths are taken from the root.</summary>
    public FileStream OpenRead(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Contains('\0'))
        {
            throw StrataException.Validation("path must name a file.");
        }
        var resolved = RealPath(Path.GetFullPath(path, FullPath), 0);
        if (!IsInside(resolved))
        {
            throw StrataException.Validation(
                $"{path} is outside the folder this server may read ({FullPath}); start strata mcp with --allow-root to choose another.");
        }
        if (!File.Exists(resolved))
        {
            throw StrataException.Validation($"No file at {path}.");
        }
        return new FileStream(resolved, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }

    private bool IsInside(string path)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var root = Path.TrimEndingDirectorySeparator(FullPath);
        return path.Equals(root, comparison)
            || path.StartsWith(root + Path.DirectorySeparatorChar, comparison)
            || (root.Length > 0 && root[^1] == Path.DirectorySeparatorChar && path.StartsWith(root, comparison));
    }

    /// <summary>The path with every symbolic link along it replaced by its target (like realpath(3)).</summary>
    private static string RealPath(string fullPath, int depth)
    {
        if (depth > MaxLinkDepth)
        {
            throw StrataException.Validation($"{fullPath} has too many levels of symbolic links.");
        }
        var root = Path.GetPathRoot(fullPath) ?? "";
        var current = root;
        var segments = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            current = Path.Combine(current, segments[i]);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is null) continue;
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null) continue;
            var rest = string.Join(Path.DirectorySeparatorChar, segments[(i + 1)..]);
            return RealPath(Path.GetFullPath(Path.Combine(target.FullName, rest)), depth + 1);
        }
        return current;
    }
}
