using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Strata.Core.Configuration;

/// <summary>Reads single settings with a clear error naming the key, so a typo in strata.json or an environment
/// variable stops the program instead of silently meaning something else.</summary>
public static class ConfigValues
{
    /// <summary>A whole number, or <c>unlimited</c> / empty for no limit; <paramref name="fallback"/> when absent.</summary>
    public static long? Limit(IConfigurationSection section, string key, long? fallback)
    {
        var text = section[key];
        if (text is null) return fallback;
        if (text.Length == 0 || text.Equals("unlimited", StringComparison.OrdinalIgnoreCase)) return null;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new StrataConfigurationException($"{section.Path}:{key} must be a whole number or 'unlimited' (got '{text}').");
    }

    /// <summary>An amount of US dollars (0 or more), or <c>unlimited</c> / empty for none; <paramref name="fallback"/> when absent.</summary>
    public static decimal? Dollars(IConfigurationSection section, string key, decimal? fallback)
    {
        var text = section[key];
        if (text is null) return fallback;
        if (text.Length == 0 || text.Equals("unlimited", StringComparison.OrdinalIgnoreCase)) return null;
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new StrataConfigurationException($"{section.Path}:{key} must be an amount of US dollars such as 25 or 7.50, or 'unlimited' (got '{text}').");
    }

    /// <summary>A duration as <c>hh:mm:ss</c> (or <c>d.hh:mm:ss</c>), or a number of seconds.</summary>
    public static TimeSpan Duration(IConfiguration section, string key, TimeSpan fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= TimeSpan.Zero
            ? value
            : throw new StrataConfigurationException($"{Path(section)}{key} must be a duration such as 00:05:00 or a number of seconds (got '{text}').");
    }

    public static int Count(IConfiguration section, string key, int fallback, int min)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new StrataConfigurationException($"{Path(section)}{key} must be a whole number of at least {min} (got '{text}').");
    }

    public static double Fraction(IConfiguration section, string key, double fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 1
            ? value
            : throw new StrataConfigurationException($"{Path(section)}{key} must be a number above 0 and at most 1 (got '{text}').");
    }

    private static string Path(IConfiguration section) => section is IConfigurationSection s ? s.Path + ":" : "";
}
