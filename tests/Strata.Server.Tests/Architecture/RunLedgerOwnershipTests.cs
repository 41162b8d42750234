using System.Reflection;
using Strata.Core.Jobs;
using Strata.Core.Runs;

namespace Strata.Server.Tests.Architecture;

/// <summary>
/// The run ledger is the one owner of a run's lifecycle (issue 25, item 1): no code but <see cref="RunLedger"/> may call
/// the run store's state-changing methods, and no handler settles its job by hand: the job queue's settling methods are
/// called by the ledger (a handler's work and its job in one transaction) and by <see cref="JobRunner"/> (the outcome a
/// handler returns) only. Scans the IL of every Strata assembly the server and CLI are built from.
/// </summary>
public sealed class RunLedgerOwnershipTests
{
    private static readonly string[] StateChanging =
    [
        nameof(IRunStore.InsertAsync), nameof(IRunStore.StartAsync), nameof(IRunStore.BeatAsync), nameof(IRunStore.FinishAsync),
        nameof(IRunStore.ProgressAsync),
    ];

    [Fact]
    public void Only_the_run_ledger_changes_a_runs_state()
    {
        var calls = ProductAssemblies().SelectMany(MethodCalls.In)
            .Where(call => call.Callee.DeclaringType == typeof(IRunStore) && StateChanging.Contains(call.Callee.Name))
            .ToList();

        // The scan must see the ledger's own calls, or it proves nothing about the others.
        Assert.Contains(calls, call => Owner(call.Caller) == typeof(RunLedger) && call.Callee.Name == nameof(IRunStore.FinishAsync));
        var outside = calls.Where(call => Owner(call.Caller) != typeof(RunLedger))
            .Select(call => $"{Owner(call.Caller).FullName}.{call.Caller.Name} calls IRunStore.{call.Callee.Name}")
            .Distinct().Order().ToList();
        Assert.True(outside.Count == 0, "Only RunLedger may change a run's state; call it instead:\n" + string.Join("\n", outside));
    }

    private static readonly string[] Settling =
    [
        nameof(IJobQueue.CompleteAsync), nameof(IJobQueue.FailAsync), nameof(IJobQueue.SnoozeAsync), nameof(IJobQueue.ExtendLeaseAsync),
    ];

    [Fact]
    public void Only_the_run_ledger_and_the_job_runner_settle_a_job()
    {
        var calls = ProductAssemblies().SelectMany(MethodCalls.In)
            .Where(call => call.Callee.DeclaringType == typeof(IJobQueue) && Settling.Contains(call.Callee.Name))
            .ToList();

        // The scan must see both owners' calls, or it proves nothing about the others.
        Assert.Contains(calls, call => Owner(call.Caller) == typeof(RunLedger) && call.Callee.Name == nameof(IJobQueue.CompleteAsync));
        Assert.Contains(calls, call => Owner(call.Caller) == typeof(JobRunner) && call.Callee.Name == nameof(IJobQueue.ExtendLeaseAsync));
        var outside = calls.Where(call => Owner(call.Caller) != typeof(RunLedger) && Owner(call.Caller) != typeof(JobRunner))
            .Select(call => $"{Owner(call.Caller).FullName}.{call.Caller.Name} calls IJobQueue.{call.Callee.Name}")
            .Distinct().Order().ToList();
        Assert.True(outside.Count == 0,
            "A handler settles its job through RunLedger (CommitWithJobAsync, CompleteJobAsync, FailAsync) or by returning a JobResult:\n"
            + string.Join("\n", outside));
    }

    [Fact]
    public void The_scan_covers_the_assemblies_that_hold_runs()
    {
        var names = ProductAssemblies().Select(a => a.GetName().Name).ToList();
        Assert.Contains("Strata.Core", names);
        Assert.Contains("Strata.Llm", names);
        Assert.Contains("Strata.Server", names);
        Assert.Contains("strata", names);
    }

    /// <summary>The outermost type: an async method's body lives in a compiler-generated type nested in its class.</summary>
    private static Type Owner(MethodBase method)
    {
        var type = method.DeclaringType!;
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private static IReadOnlyList<Assembly> ProductAssemblies() => Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
        .Where(path => Path.GetFileNameWithoutExtension(path) is var name
            && (name == "strata" || name.StartsWith("Strata.", StringComparison.Ordinal))
            && !name.EndsWith(".Tests", StringComparison.Ordinal) && name is not ("Strata.Storage.Compliance" or "Strata.FakeLlm"))
        .Select(path => Assembly.Load(AssemblyName.GetAssemblyName(path)))
        .ToList();
}
