using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Strata.Bench.Harness;

namespace Strata.Bench.Micro;

/// <summary>
/// BenchmarkDotNet where it fits: short, pure CPU operations measured in isolation (<see cref="CoreHotPaths"/>),
/// in this process (no generated project to build). Not part of <c>all</c>: it explains the figures, it is not one.
/// </summary>
public sealed class MicroBenchmark : IBenchmark
{
    public string Name => "micro";

    public string Description => "BenchmarkDotNet: per-record CPU costs of Strata's own code (not part of all)";

    public Task<Report> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var job = (settings.Quick ? Job.Dry : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray())
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<CoreHotPaths>(config);

        var report = new Report(Name, settings.Quick);
        foreach (var result in summary.Reports)
        {
            var name = result.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var label = result.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
            var mean = result.ResultStatistics?.Mean;
            if (mean is null)
            {
                report.Failures.Add($"{name} produced no measurement");
                continue;
            }
            var allocated = result.GcStats.GetBytesAllocatedPerOperation(result.BenchmarkCase) ?? 0;
            report.Figure($"{ToSnake(name)}_us", mean.Value / 1000, label, "µs", $"{allocated:N0} bytes allocated");
        }
        return Task.FromResult(report);
    }

    private static string ToSnake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
