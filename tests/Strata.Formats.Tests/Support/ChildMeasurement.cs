using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Strata.Formats.Tests.Support;

/// <summary>
/// Runs one measurement in a child process of its own: the test assembly started again with this entry point (the test
/// SDK's generated one is turned off in the project). A heap measured in the test process counts whatever the classes
/// running in parallel hold; the child holds only the measurement.
/// </summary>
public static class ChildMeasurement
{
    /// <summary>Runs the public static <paramref name="method"/> of <paramref name="type"/> (a <c>Task</c> of named
    /// numbers) in a child process and returns what it measured.</summary>
    public static async Task<Dictionary<string, long>> RunAsync(Type type, string method)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", typeof(ChildMeasurement).Assembly.Location, type.FullName!, method }) start.ArgumentList.Add(argument);
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var error = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10)); // a hang guard, not a timing
        Assert.True(child.ExitCode == 0, $"the measuring child exited {child.ExitCode}: {await error}");
        return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('='))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture));
    }

    /// <summary>The child's side: <c>dotnet exec Strata.Formats.Tests.dll TYPE METHOD</c> prints the measurement as
    /// name=value lines.</summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 2)
        {
            await Console.Error.WriteLineAsync("usage: Strata.Formats.Tests TYPE METHOD (a measurement for ChildMeasurement)");
            return 2;
        }
        var measure = typeof(ChildMeasurement).Assembly.GetType(args[0], throwOnError: true)!
            .GetMethod(args[1], BindingFlags.Public | BindingFlags.Static)!;
        var result = await (Task<Dictionary<string, long>>)measure.Invoke(null, null)!;
        foreach (var (name, value) in result) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}={value}"));
        return 0;
    }
}
