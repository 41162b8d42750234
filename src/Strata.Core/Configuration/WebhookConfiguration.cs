using Microsoft.Extensions.Configuration;
using Strata.Core.Webhooks;

namespace Strata.Core.Configuration;

/// <summary>Reads <see cref="WebhookOptions"/> from the <c>Webhooks</c> section: <c>AllowLoopback</c> (test-only, default
/// false), <c>Timeout</c>, <c>MaxResponseBytes</c>.</summary>
public static class WebhookConfiguration
{
    public static WebhookOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Webhooks");
        var defaults = new WebhookOptions();
        var allowLoopback = section["AllowLoopback"];
        return defaults with
        {
            AllowLoopback = allowLoopback is not null && (bool.TryParse(allowLoopback, out var allow)
                ? allow
                : throw new StrataConfigurationException($"Webhooks:AllowLoopback must be true or false, not '{allowLoopback}'.")),
            Timeout = ConfigValues.Duration(section, "Timeout", defaults.Timeout),
            MaxResponseBytes = ConfigValues.Count(section, "MaxResponseBytes", defaults.MaxResponseBytes, 0),
        };
    }
}
