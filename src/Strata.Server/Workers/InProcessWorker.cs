using Microsoft.Extensions.Hosting;
using Strata.Core;
using Strata.Core.Jobs;

namespace Strata.Server.Workers;

/// <summary>
/// The worker loops of <c>strata serve</c>: job loops, the periodic scheduler and the lease rescuer, over the same services
/// the requests use, so a <c>wait: false</c> ingest is interpreted without a separate <c>strata worker</c>. On shutdown the
/// loops stop claiming and jobs in flight get <c>Worker:DrainTimeout</c> to finish (the host waits long enough for that).
/// </summary>
internal sealed class InProcessWorker(StrataServices services) : BackgroundService
{
    // Created (and so watched by /health) with the host, before it starts running.
    private readonly WorkerHost _worker = services.CreateWorkerHost();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _worker.RunAsync(stoppingToken);
}
