using Strata.Server.Tests.Infrastructure;

namespace Strata.Server.Tests.Serving;

/// <summary>The real <c>strata</c> command line. A process builds only the command its line names (Program.cs); these
/// check that help, typos and options written before the verb still see every command.</summary>
public sealed class CommandLineTests
{
    private static readonly string[] TopLevelCommands =
    [
        "ingest", "store", "reinterpret", "correct", "merge", "entities", "observations", "provenance", "timeline", "graph",
        "sources", "runs", "submit-interpretation", "schemas", "block-schemas", "review", "users", "worker", "migrate",
        "usage", "duplicates", "models", "keys", "projects", "documents", "blocks", "deletions", "health", "metrics", "mcp",
        "import", "memory", "recall", "recall-status", "export", "webhooks", "serve",
    ];

    [Fact]
    public async Task Help_with_no_command_lists_every_command()
    {
        var help = await StrataExecutable.RunAsync(["--help"]);

        Assert.True(help.ExitCode == 0, help.ToString());
        var listed = help.StandardOutput.Split('\n').Select(line => line.Trim().Split(' ')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.All(TopLevelCommands, command => Assert.Contains(command, listed));
    }

    [Fact]
    public async Task A_mistyped_command_is_refused_with_an_error_record()
    {
        var typo = await StrataExecutable.RunAsync(["entitis", "list", "--json"]);

        Assert.True(typo.ExitCode != 0, typo.ToString());
        var error = Samples.Json(typo.StandardError.Trim()).GetProperty("error");
        Assert.Equal("INVALID_ARGUMENTS", error.GetProperty("code").GetString());
        Assert.Contains("entitis", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Options_before_the_command_are_read_even_when_a_value_is_a_command_name()
    {
        using var temp = new TempDirectory();
        // "import" here is the data directory, not the command: the command is `entities list`.
        await File.WriteAllTextAsync(temp.Combine("people.json"), """[{"entity_type": "contact", "name": "Ada Command-Line"}]""");
        var stored = await StrataExecutable.RunAsync(["--data-dir", "import", "--user", "store", "store", "people.json", "--json"], temp.Path);
        var listed = await StrataExecutable.RunAsync(["--data-dir", "import", "--user", "store", "entities", "list", "--json"], temp.Path);

        Assert.True(stored.ExitCode == 0, stored.ToString());
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains("Ada Command-Line", listed.StandardOutput);
        Assert.True(File.Exists(temp.Combine("import", "strata.db")));
    }
}
