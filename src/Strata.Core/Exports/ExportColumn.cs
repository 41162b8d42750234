namespace Strata.Core.Exports;

/// <summary>One column of an exported table: a name and the kind of value every row holds in it (or null).</summary>
public sealed record ExportColumn(string Name, ExportValueKind Kind);

/// <summary>What a cell holds, so every writer gives it its reader's native type.</summary>
public enum ExportValueKind
{
    /// <summary>A <see cref="string"/>.</summary>
    Text,

    /// <summary>A <see cref="long"/>.</summary>
    Integer,

    /// <summary>A <see cref="double"/>.</summary>
    Number,

    /// <summary>A <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>A <see cref="DateOnly"/>.</summary>
    Date,

    /// <summary>A <see cref="DateTimeOffset"/>, written in UTC.</summary>
    Timestamp,

    /// <summary>A JSON value as its text: an array or object in a CSV or Parquet cell, nested as it is in JSONL.</summary>
    Json,
}
