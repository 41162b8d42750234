using System.Text.RegularExpressions;

namespace Strata.Sqlite.Tests;

/// <summary>
/// The house rule StatementRecompileTests shows the reason for: SQL that runs on SQLite bounds a LIMIT by an expression
/// (<c>LIMIT @n + 0</c>), never a bare parameter, which the bundled SQLite reads while planning and so recompiles the
/// statement on every run. This keeps new SQL in the shared and SQLite stores to it.
/// </summary>
public sealed class LimitParameterSourceTests
{
    [Fact]
    public void No_SQL_the_SQLite_store_runs_bounds_a_LIMIT_by_a_bare_parameter()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Strata.slnx"))) root = root.Parent;
        Assert.NotNull(root);
        var bare = new Regex(@"LIMIT\s+@\w+\b(?!\s*[-+*/])", RegexOptions.IgnoreCase);
        var found = new[] { "Strata.Relational", "Strata.Sqlite" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root.FullName, "src", project), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => bare.IsMatch(l.Text) && !l.Text.TrimStart().StartsWith("///", StringComparison.Ordinal))
            .Select(l => $"{Path.GetRelativePath(root.FullName, l.File)}:{l.Line}")
            .ToList();
        Assert.True(found.Count == 0, "a bare LIMIT parameter is recompiled on every run (write LIMIT @n + 0): " + string.Join(", ", found));
    }
}
