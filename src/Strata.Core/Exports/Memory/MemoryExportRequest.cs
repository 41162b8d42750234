namespace Strata.Core.Exports.Memory;

/// <param name="Format">markdown (default) or json.</param>
/// <param name="EntityType">Only entities of this type; every type when null.</param>
/// <param name="Since">Only entities last updated at or after this time.</param>
/// <param name="Until">Only entities last updated before this time.</param>
public sealed record MemoryExportRequest(string? Format, string? EntityType = null, DateTimeOffset? Since = null, DateTimeOffset? Until = null);
