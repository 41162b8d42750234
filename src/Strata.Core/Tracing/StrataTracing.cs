using System.Diagnostics;

namespace Strata.Core.Tracing;

/// <summary>
/// Strata's own spans (jobs, model calls), beside the HTTP spans of the server. A span is only made when something
/// listens (the server's OpenTelemetry setup when tracing is configured), so untraced processes pay nothing. Attributes
/// carry kinds, ids, models, counts and costs — never prompts, content, secrets or query strings.
/// </summary>
public static class StrataTracing
{
    public const string SourceName = "Strata";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The W3C <c>traceparent</c> of the current span, to carry into a job row; null outside a trace.</summary>
    public static string? CurrentParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>The span context a job row carried, or default (a new trace) when it carried none or garbage.</summary>
    public static ActivityContext ParentFrom(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent) ? parent : default;
}
