namespace Strata.Core.Documents;

/// <summary>
/// A source in a project, converted (or being converted) into blocks. The conversion's identity
/// (<see cref="ConvUid"/>) is known once a converter was chosen; <see cref="Error"/> says why a conversion failed.
/// </summary>
public sealed record Document(
    string Id,
    string UserId,
    string ProjectId,
    string SourceId,
    string Name,
    string MediaType,
    string Status,
    string? Converter,
    string? ConverterVersion,
    string? ConvUid,
    int BlockCount,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool IsSettled => Status is DocumentStatuses.Ingested or DocumentStatuses.ConversionFailed;
}

/// <summary>uploaded → converting → ingested | conversion_failed.</summary>
public static class DocumentStatuses
{
    public const string Uploaded = "uploaded";
    public const string Converting = "converting";
    public const string Ingested = "ingested";
    public const string ConversionFailed = "conversion_failed";

    public static readonly IReadOnlyList<string> All = [Uploaded, Converting, Ingested, ConversionFailed];
}
