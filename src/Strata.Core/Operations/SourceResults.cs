using System.Text.Json;

namespace Strata.Core.Operations;

public sealed record SourceView(
    string SourceId,
    string ContentHash,
    long ByteSize,
    string MimeType,
    string? OriginalFilename,
    string StorageStatus,
    DateTimeOffset CreatedAt,
    string? StorageError);

/// <summary>One page. <c>next_cursor</c> asks for the next page (null on the last); <c>total</c> is counted only when asked for (<c>include_total</c>), else null.</summary>
public sealed record SourceList(IReadOnlyList<SourceView> Sources, string? NextCursor, int? Total);

public sealed record RunView(
    string RunId,
    string SourceId,
    string Interpreter,
    string InterpreterVersion,
    JsonElement Config,
    string ConfigHash,
    string Status,
    int ItemsCount,
    int ObservationsCreated,
    int UnknownFieldsCount,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? HeartbeatAt,
    DateTimeOffset? ArchivedAt,
    int ValuesTooLong = 0)
{
    /// <summary>An LLM run's items counted by status, with its tokens and cost, and its first failures; null for a run without items.</summary>
    public RunItemsView? Items { get; init; }
}

/// <summary>One page. <c>next_cursor</c> asks for the next page (null on the last); <c>total</c> is counted only when asked for (<c>include_total</c>), else null.</summary>
public sealed record RunList(IReadOnlyList<RunView> Runs, string? NextCursor, int? Total);

public sealed record SchemaSummary(string EntityType, int Version, string SchemaUid, bool BuiltIn, int FieldCount, string? Description);

public sealed record SchemaList(IReadOnlyList<SchemaSummary> Schemas);

public sealed record SchemaView(string EntityType, int Version, string SchemaUid, bool BuiltIn, JsonElement Definition, DateTimeOffset CreatedAt);

public sealed record RegisterSchemaResult(string EntityType, int Version, string SchemaUid, bool Created);

public sealed record UserView(string UserId, string Name, string Plan, DateTimeOffset CreatedAt, bool HasApiKey);

public sealed record CreatedUser(string UserId, string Name, string Plan, string ApiKey, DateTimeOffset CreatedAt);

public sealed record UserList(IReadOnlyList<UserView> Users);

public sealed record ErrorBody(string Code, string Message);

public sealed record ErrorEnvelope(ErrorBody Error);
