using System.Globalization;

namespace Strata.Core.Usage;

/// <summary>Byte counts as a person reads them in a quota message: "60 bytes", "1.5 MiB", "1 GiB".</summary>
public static class ByteSizes
{
    private static readonly string[] Units = ["KiB", "MiB", "GiB", "TiB", "PiB"];

    public static string Describe(long bytes)
    {
        if (bytes < 1024) return bytes == 1 ? "1 byte" : $"{bytes} bytes";
        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString(value % 1 == 0 ? "0" : "0.##", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}
