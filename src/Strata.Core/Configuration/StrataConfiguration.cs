using Microsoft.Extensions.Configuration;
using Strata.Core.Usage;

namespace Strata.Core.Configuration;

/// <summary>Applies configuration (strata.json, <c>STRATA_</c> environment variables, or a host's own sources) to the options.</summary>
public static class StrataConfiguration
{
    public static StrataOptions Apply(StrataOptions options, IConfiguration configuration) => options with
    {
        Plans = PlanCatalog.From(configuration),
        Worker = WorkerConfiguration.Read(configuration),
        Limits = LimitsConfiguration.Read(configuration),
        PendingUploads = PendingUploadConfiguration.Read(configuration),
        ChatImports = ChatImportConfiguration.Read(configuration),
        Recall = RecallConfiguration.Read(configuration),
        Webhooks = WebhookConfiguration.Read(configuration),
        MemorySearchCacheBytes = ConfigValues.Limit(configuration.GetSection("MemoryServer"), "SearchCacheBytes", StrataOptions.DefaultMemorySearchCacheBytes)
            ?? long.MaxValue,
    };
}
