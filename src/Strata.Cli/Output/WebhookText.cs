using System.Text;
using Strata.Core.Operations;

namespace Strata.Cli.Output;

/// <summary>Webhooks and their deliveries as a person reads them.</summary>
internal static class WebhookText
{
    public static string Of(WebhookCreated w) =>
        $"webhook {w.WebhookId} → {w.Url} ({string.Join(", ", w.Events)})\nsecret {w.Secret}\n(shown once: keep it to verify signatures)\n";

    public static string Of(WebhookList list)
    {
        if (list.Items.Count == 0) return "no webhooks\n";
        var text = new StringBuilder();
        foreach (var w in list.Items) text.Append($"{w.WebhookId}  {w.Url}  {string.Join(",", w.Events)}  created {w.CreatedAt:u}\n");
        return text.ToString();
    }

    public static string Of(WebhookDeliveryList list)
    {
        if (list.Items.Count == 0) return "no deliveries\n";
        var text = new StringBuilder();
        foreach (var d in list.Items)
        {
            text.Append($"{d.DeliveryId}  {d.EventType}  {d.Status}  {Plural.Count(d.Attempts, "attempt")}");
            if (d.LastStatusCode is { } code) text.Append($"  HTTP {code}");
            if (d.LastError is { } error && d.Status != "delivered") text.Append($"  {error}");
            text.Append('\n');
        }
        return text.Append(PageLine.Of(list.Items.Count, "delivery", list.Total, list.NextCursor)).ToString();
    }
}
