using System.Globalization;
using Microsoft.Extensions.Configuration;
using Strata.Core.Imports;

namespace Strata.Core.Configuration;

/// <summary>Reads <see cref="ChatImportOptions"/> from the <c>ChatImport</c> section: <c>BatchSize</c>,
/// <c>FullPassConcurrency</c>, <c>NewerPipelinePercent</c> (0–100), <c>LeaseSeconds</c>, <c>MaxConversations</c>, <c>ProfileTopics</c> and <c>Summary:…</c>.</summary>
public static class ChatImportConfiguration
{
    public static ChatImportOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("ChatImport");
        var defaults = new ChatImportOptions();
        return new ChatImportOptions
        {
            BatchSize = Number(section, "BatchSize", defaults.BatchSize, 1, 10_000),
            FullPassConcurrency = Number(section, "FullPassConcurrency", defaults.FullPassConcurrency, 1, 256),
            NewerPipelinePercent = Number(section, "NewerPipelinePercent", defaults.NewerPipelinePercent, 0, 100),
            Lease = TimeSpan.FromSeconds(Number(section, "LeaseSeconds", (int)defaults.Lease.TotalSeconds, 1, 3600)),
            MaxConversations = Number(section, "MaxConversations", defaults.MaxConversations, 1, 10_000_000),
            ProfileTopics = Number(section, "ProfileTopics", defaults.ProfileTopics, 0, 500),
            Summary = new Memory.Sections.ReductionLimits(
                Number(section, "Summary:DepthCap", defaults.Summary.DepthCap, 1, 10),
                Number(section, "Summary:BatchCap", defaults.Summary.BatchCap, 2, 500),
                Number(section, "Summary:BreakerFailures", defaults.Summary.BreakerFailures, 1, 100),
                TimeSpan.FromSeconds(Number(section, "Summary:TimeoutSeconds", (int)defaults.Summary.Timeout.TotalSeconds, 1, 3600))),
        };
    }

    private static int Number(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new StrataConfigurationException($"ChatImport:{key} must be a whole number from {min} to {max} (got '{text}').");
        }
        return value;
    }
}
