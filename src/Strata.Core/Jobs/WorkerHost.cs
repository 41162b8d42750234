using Microsoft.Extensions.Logging;

namespace Strata.Core.Jobs;

/// <summary>
/// A worker: <see cref="WorkerOptions.Concurrency"/> job loops, a scheduler that enqueues the periodic jobs once per
/// period, and a rescuer that returns expired leases. <c>strata worker</c> runs one until Ctrl+C; a server runs one
/// as a background service. Several hosts (in one process or many) may share a database.
/// </summary>
public sealed partial class WorkerHost
{
    private readonly JobRunner _runner;
    private readonly IJobQueue _queue;
    private readonly WorkerOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly List<PollLoop> _loops = [];

    public WorkerHost(JobRunner runner, IJobQueue queue, WorkerOptions options, TimeProvider clock, ILogger<WorkerHost> logger,
        Random? random = null, string? id = null)
    {
        _runner = runner;
        _queue = queue;
        _options = options;
        _clock = clock;
        _logger = logger;
        Id = id ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
        var jitter = new Jitter(random ?? new Random());
        for (var i = 1; i <= Math.Max(1, options.Concurrency); i++)
        {
            var owner = $"{Id}/{i}";
            _loops.Add(new PollLoop($"jobs-{i}", ct => _runner.RunNextAsync(owner, ct, _stopping), options.PollInterval, options, clock, jitter, logger));
        }
        if (options.Schedules.Count > 0)
        {
            var tick = options.Schedules.Min(s => s.Every);
            _loops.Add(new PollLoop("scheduler", ScheduleAsync, tick < TimeSpan.FromSeconds(30) ? tick : TimeSpan.FromSeconds(30), options, clock, jitter, logger));
        }
        _loops.Add(new PollLoop("rescuer", async ct => { await _queue.RescueExpiredAsync(ct); return false; }, options.RescueEvery, options, clock, jitter, logger));
    }

    public string Id { get; }

    /// <summary>Set when <see cref="RunAsync"/> starts: a claim that races with the stop is handed back, not run.</summary>
    private CancellationToken _stopping;

    public IReadOnlyList<WorkerLoopStatus> Loops => _loops.Select(l => l.Status).ToList();

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled, then stops claiming, lets jobs in flight
    /// finish for up to <see cref="WorkerOptions.DrainTimeout"/>, and returns.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        using var abort = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _clock);
        await using var drain = stoppingToken.Register(() => abort.CancelAfter(_options.DrainTimeout));
        Started(_logger, Id, _loops.Count, string.Join(", ", _runner.Kinds));
        await Task.WhenAll(_loops.Select(loop => loop.RunAsync(stoppingToken, abort.Token)));
        Stopped(_logger, Id);
    }

    /// <summary>Enqueues each periodic job for the period that contains now; the period is the unique key, so the
    /// job of a period is enqueued once however many workers (or restarts) ask.</summary>
    public async Task<bool> ScheduleAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        foreach (var schedule in _options.Schedules)
        {
            var period = PeriodStart(now, schedule.Every);
            await _queue.EnqueueAsync(new JobRequest(schedule.Kind, "{}")
            {
                UniqueKey = $"{schedule.Kind}@{period:yyyy-MM-ddTHH:mm:ssZ}",
                MaxAttempts = 3,
            }, cancellationToken);
        }
        return false;
    }

    public static DateTimeOffset PeriodStart(DateTimeOffset now, TimeSpan every) =>
        new(now.UtcTicks - now.UtcTicks % Math.Max(1, every.Ticks), TimeSpan.Zero);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} started {Loops} loops for {Kinds}")]
    private static partial void Started(ILogger logger, string workerId, int loops, string kinds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} stopped")]
    private static partial void Stopped(ILogger logger, string workerId);
}
