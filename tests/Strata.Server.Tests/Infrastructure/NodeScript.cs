using System.ComponentModel;
using System.Text.Json;
using Strata.Storage.Compliance;

namespace Strata.Server.Tests.Infrastructure;

/// <summary>Runs a Node.js script of one of the tests/ npm folders (the official MCP client, the reference memory
/// server) against the built strata, on SQLite data directories or on a fresh PostgreSQL database that is dropped
/// afterwards. The script prints a JSON summary as its last line; a non-zero exit fails the test with its output.</summary>
internal static class NodeScript
{
    /// <param name="folder">the npm folder under tests/</param>
    /// <param name="package">a package of that folder that must be installed (./test.sh runs npm ci)</param>
    /// <param name="arguments">the script and its arguments; --dll, --dotnet and --database are added</param>
    public static async Task<JsonElement> RunAsync(Backend backend, string folder, string package, IReadOnlyList<string> arguments)
    {
        var directory = Path.Combine(StrataExecutable.RepositoryRoot, "tests", folder);
        Assert.True(Directory.Exists(Path.Combine(directory, "node_modules", package)),
            $"tests/{folder}/node_modules is missing: run npm ci in tests/{folder} (./test.sh does)");

        var database = backend == Backend.Postgres ? await PostgresTestDatabase.CreateAsync() : null;
        ProcessOutcome outcome;
        try
        {
            outcome = await ProcessRunner.RunAsync("node",
                [.. arguments, "--dll", StrataExecutable.DllPath, "--dotnet", StrataExecutable.DotnetHost, .. database is null ? [] : new[] { "--database", database }],
                directory);
        }
        catch (Win32Exception failure)
        {
            throw new Xunit.Sdk.XunitException($"Node.js is needed for this test and could not be started ({failure.Message}); ./test.sh installs it.");
        }
        finally
        {
            if (database is not null) await PostgresTestDatabase.DropAsync(database);
        }

        Assert.True(outcome.ExitCode == 0, outcome.ToString());
        return Samples.Json(outcome.StandardOutput.Trim().Split('\n').Last());
    }
}
