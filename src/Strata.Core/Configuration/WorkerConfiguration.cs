using Microsoft.Extensions.Configuration;
using Strata.Core.Jobs;

namespace Strata.Core.Configuration;

/// <summary>Reads <see cref="WorkerOptions"/> from the <c>Worker</c> section; absent keys keep their defaults.</summary>
public static class WorkerConfiguration
{
    /// <summary>Configuration names of the periodic jobs (<c>Worker:Schedules:{name}</c>).</summary>
    public static readonly IReadOnlyDictionary<string, string> ScheduleNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["RunTimeouts"] = JobKinds.RunTimeouts,
        ["ArchiveRuns"] = JobKinds.ArchiveRuns,
        ["DetectDuplicates"] = JobKinds.DetectDuplicates,
        ["PruneJobs"] = JobKinds.PruneJobs,
        ["SweepOrphanBlobs"] = JobKinds.SweepOrphanBlobs,
    };

    public static WorkerOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Worker");
        var defaults = new WorkerOptions();
        return defaults with
        {
            Concurrency = ConfigValues.Count(section, "Concurrency", defaults.Concurrency, 1),
            PollInterval = ConfigValues.Duration(section, "PollInterval", defaults.PollInterval),
            LeaseDuration = ConfigValues.Duration(section, "LeaseDuration", defaults.LeaseDuration),
            HeartbeatInterval = ConfigValues.Duration(section, "HeartbeatInterval", defaults.HeartbeatInterval),
            CallerLeaseDuration = ConfigValues.Duration(section, "CallerLeaseDuration", defaults.CallerLeaseDuration),
            RescueEvery = ConfigValues.Duration(section, "RescueEvery", defaults.RescueEvery),
            MaxErrorBackoff = ConfigValues.Duration(section, "MaxErrorBackoff", defaults.MaxErrorBackoff),
            DrainTimeout = ConfigValues.Duration(section, "DrainTimeout", defaults.DrainTimeout),
            InterpretMaxAttempts = ConfigValues.Count(section, "InterpretMaxAttempts", defaults.InterpretMaxAttempts, 1),
            UploadWaitPoll = ConfigValues.Duration(section, "UploadWaitPoll", defaults.UploadWaitPoll),
            UploadRetryDelays = UploadDelays(section, defaults.UploadRetryDelays),
            RunTimeout = ConfigValues.Duration(section, "RunTimeout", defaults.RunTimeout),
            ConversionTimeout = ConfigValues.Duration(section, "ConversionTimeout", defaults.ConversionTimeout),
            ArchiveAfter = ConfigValues.Duration(section, "ArchiveAfter", defaults.ArchiveAfter),
            DuplicateThreshold = ConfigValues.Fraction(section, "DuplicateThreshold", defaults.DuplicateThreshold),
            PruneJobsAfter = ConfigValues.Duration(section, "PruneJobsAfter", defaults.PruneJobsAfter),
            OrphanBlobGrace = ConfigValues.Duration(section, "OrphanBlobGrace", defaults.OrphanBlobGrace),
            BlobOutageRetryFor = ConfigValues.Duration(section, "BlobOutageRetryFor", defaults.BlobOutageRetryFor),
            Schedules = Schedules(section.GetSection("Schedules"), defaults.Schedules),
        };
    }

    /// <summary><c>Worker:Schedules:RunTimeouts</c> = a duration, or <c>off</c> to not run it in this worker.</summary>
    private static IReadOnlyList<PeriodicJob> Schedules(IConfigurationSection section, IReadOnlyList<PeriodicJob> defaults)
    {
        var unknown = section.GetChildren().Select(c => c.Key).FirstOrDefault(k => !ScheduleNames.ContainsKey(k));
        if (unknown is not null)
        {
            throw new StrataConfigurationException($"{section.Path}:{unknown} is not a schedule; the schedules are {string.Join(", ", ScheduleNames.Keys)}.");
        }
        var schedules = new List<PeriodicJob>();
        foreach (var job in defaults)
        {
            var name = ScheduleNames.First(n => n.Value == job.Kind).Key;
            if (string.Equals(section[name], "off", StringComparison.OrdinalIgnoreCase)) continue;
            var every = ConfigValues.Duration(section, name, job.Every);
            if (every <= TimeSpan.Zero) throw new StrataConfigurationException($"{section.Path}:{name} must be longer than zero, or 'off'.");
            schedules.Add(job with { Every = every });
        }
        return schedules;
    }

    /// <summary><c>Worker:UploadRetryDelays</c> = comma-separated seconds, e.g. <c>30,60,120,300,600</c>.</summary>
    private static IReadOnlyList<TimeSpan> UploadDelays(IConfigurationSection section, IReadOnlyList<TimeSpan> defaults)
    {
        var text = section["UploadRetryDelays"];
        if (string.IsNullOrWhiteSpace(text)) return defaults;
        var delays = new List<TimeSpan>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!double.TryParse(part, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
            {
                throw new StrataConfigurationException($"{section.Path}:UploadRetryDelays must be seconds separated by commas (got '{text}').");
            }
            delays.Add(TimeSpan.FromSeconds(seconds));
        }
        return delays.Count > 0 ? delays : defaults;
    }
}
