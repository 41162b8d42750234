namespace Strata.Server.Rest;

/// <summary>A streamed export download as the OpenAPI document describes it: its GET path, operation id, what it is,
/// its query parameters (name, description, allowed values when closed) and the media types it can answer with.</summary>
public sealed record ExportRoute(string Path, string OperationId, string Summary, IReadOnlyList<ExportQuery> Query, IReadOnlyList<string> MediaTypes);

public sealed record ExportQuery(string Name, string Description, IReadOnlyList<string>? Values = null);
