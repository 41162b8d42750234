namespace Strata.Core.Webhooks;

/// <summary>The events a webhook can subscribe to (docs/webhooks.md). Names are stored: renaming one strands subscriptions.</summary>
public static class WebhookEvents
{
    public const string RunCompleted = "run.completed";
    public const string RunConfirmed = "run.confirmed";
    public const string ImportCompleted = "import.completed";
    public const string ExportReady = "export.ready";

    public static readonly IReadOnlyList<string> All = [RunCompleted, RunConfirmed, ImportCompleted, ExportReady];
}
