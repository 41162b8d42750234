using Strata.Core.Jobs;
using Strata.Core.Operations;
using Strata.Core.Sources;
using Strata.Core.Storage;

namespace Strata.Core.Health;

/// <summary><c>/health</c>: can the database be read, can the blob store take a write, are the worker loops turning.</summary>
public sealed class HealthService(IStrataStore store, IBlobStore blobs, StrataOptions options, TimeProvider clock)
{
    private readonly List<WorkerHost> _workers = [];

    /// <summary>Includes a worker's loops in the report (done by <see cref="StrataServices.CreateWorkerHost"/>).</summary>
    public void Watch(WorkerHost worker)
    {
        lock (_workers) _workers.Add(worker);
    }

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = new List<HealthCheck>
        {
            await ProbeAsync("database", async () => await store.Maintenance.ReadGaugesAsync(cancellationToken)),
            await ProbeAsync("blob_store", () => WriteProbeAsync(cancellationToken)),
        };
        List<WorkerHost> workers;
        lock (_workers) workers = _workers.ToList();
        checks.AddRange(workers.Select(Check));
        if (workers.Count == 0) checks.Add(new HealthCheck("workers", HealthStatuses.Ok, "No worker loops in this process."));

        var status = checks.Any(c => c.Status == HealthStatuses.Down) ? HealthStatuses.Down
            : checks.Any(c => c.Status == HealthStatuses.Degraded) ? HealthStatuses.Degraded
            : HealthStatuses.Ok;
        return new HealthReport(status, clock.GetUtcNow(), checks);
    }

    private static HealthCheck Check(WorkerHost worker)
    {
        var loops = worker.Loops;
        var failing = loops.Where(l => l.State == WorkerLoopStates.BackingOff).ToList();
        var stopped = loops.Count(l => l.State == WorkerLoopStates.Stopped);
        var detail = string.Join("; ", loops.Select(l => $"{l.Name} {l.State}{(l.LastError is null ? "" : $" ({l.LastError})")}"));
        var status = stopped == loops.Count ? HealthStatuses.Down
            : failing.Count > 0 || stopped > 0 ? HealthStatuses.Degraded
            : HealthStatuses.Ok;
        return new HealthCheck($"worker {worker.Id}", status, detail);
    }

    /// <summary>A real write and delete: an existence check would pass on a store that has gone read-only.</summary>
    private async Task WriteProbeAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.SpoolDirectory);
        var local = Path.Combine(options.SpoolDirectory, $"health-{Guid.NewGuid():N}.probe");
        var key = $"health/{Path.GetFileName(local)}";
        await File.WriteAllTextAsync(local, "ok", cancellationToken);
        try
        {
            await blobs.PutFileAsync(key, local, cancellationToken);
            await blobs.DeleteAsync(key, cancellationToken);
        }
        finally
        {
            File.Delete(local);
        }
    }

    private static async Task<HealthCheck> ProbeAsync(string name, Func<Task> probe)
    {
        try
        {
            await probe();
            return new HealthCheck(name, HealthStatuses.Ok, null);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            return new HealthCheck(name, HealthStatuses.Down, $"{failure.GetType().Name}: {failure.Message}");
        }
    }
}
