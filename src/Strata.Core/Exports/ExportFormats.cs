using Strata.Core.Errors;

namespace Strata.Core.Exports;

/// <summary>The format names an export is asked for by.</summary>
public static class ExportFormats
{
    public const string JsonLines = "jsonl";
    public const string Csv = "csv";
    public const string Parquet = "parquet";

    /// <summary>The format asked for, in lower case, once this host is known to write it.</summary>
    public static string Check(ITableFormats? formats, string? format)
    {
        if (formats is null)
        {
            throw new StrataException(ErrorCodes.ExportsNotConfigured, "This Strata was started without the export writers, so it cannot export.");
        }
        var name = (format ?? JsonLines).Trim().ToLowerInvariant();
        if (!formats.Names.Contains(name))
        {
            throw StrataException.Validation($"Unknown export format '{format}': use one of {string.Join(", ", formats.Names)}.");
        }
        return name;
    }
}
