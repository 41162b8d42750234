using Microsoft.Extensions.Configuration;
using Strata.Core.Storage;

namespace Strata.Core.Configuration;

/// <summary>Reads <see cref="WriteLimits"/> from the <c>Limits</c> section; <c>STRATA_MAX_VALUE_BYTES</c> (the root key
/// <c>MAX_VALUE_BYTES</c> once the prefix is stripped) sets the value limit too, as the other <c>STRATA_MAX_*</c> do.</summary>
public static class LimitsConfiguration
{
    public static WriteLimits Read(IConfiguration configuration)
    {
        var section = configuration.GetSection("Limits");
        var defaults = new WriteLimits();
        var maxValueBytes = ConfigValues.Count(configuration, "MAX_VALUE_BYTES", 0, 0);
        return defaults with
        {
            SliceRecords = ConfigValues.Count(section, "WriteSliceRecords", defaults.SliceRecords, 1),
            SliceTime = ConfigValues.Duration(section, "WriteSliceTime", defaults.SliceTime),
            BusyTimeout = ConfigValues.Duration(section, "BusyTimeout", defaults.BusyTimeout),
            MaxValueBytes = maxValueBytes > 0
                ? maxValueBytes
                : ConfigValues.Count(section, "MaxValueBytes", (int)defaults.MaxValueBytes, 1),
        };
    }
}
