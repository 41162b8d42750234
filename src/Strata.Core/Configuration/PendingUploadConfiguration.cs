using Microsoft.Extensions.Configuration;
using Strata.Core.Sources;

namespace Strata.Core.Configuration;

/// <summary>Reads <see cref="PendingUploadLimits"/> from the <c>PendingUploads</c> section: <c>MaxBytes</c> and
/// <c>MaxBytesPerUser</c>, each a number of bytes or <c>unlimited</c>.</summary>
public static class PendingUploadConfiguration
{
    public static PendingUploadLimits Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("PendingUploads");
        var defaults = new PendingUploadLimits();
        return new PendingUploadLimits
        {
            MaxBytes = ConfigValues.Limit(section, "MaxBytes", defaults.MaxBytes),
            MaxBytesPerUser = ConfigValues.Limit(section, "MaxBytesPerUser", defaults.MaxBytesPerUser),
        };
    }
}
