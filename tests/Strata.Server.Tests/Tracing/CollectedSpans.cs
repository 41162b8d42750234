using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Strata.Server.Monitoring;

namespace Strata.Server.Tests.Tracing;

/// <summary>An in-process OpenTelemetry exporter: the server's own tracing pipeline, with the spans kept in memory.</summary>
public sealed class CollectedSpans : BaseExporter<Activity>
{
    private readonly ConcurrentQueue<Activity> _spans = new();

    public IReadOnlyList<Activity> All => _spans.ToArray();

    /// <summary>Tracing options that export every finished span here.</summary>
    public TracingOptions Options => new() { Configure = tracing => tracing.AddProcessor(new SimpleActivityExportProcessor(this)) };

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var span in batch) _spans.Enqueue(span);
        return ExportResult.Success;
    }

    /// <summary>Waits for the first span that matches (a worker ends its span a moment after the run it settles).</summary>
    public async Task<Activity> WaitForAsync(Func<Activity, bool> match, string what)
    {
        var giveUpAt = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            if (All.FirstOrDefault(match) is { } span) return span;
            if (DateTimeOffset.UtcNow > giveUpAt)
            {
                throw new Xunit.Sdk.XunitException($"No span for {what}; spans: {string.Join(", ", All.Select(s => s.DisplayName))}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
