namespace Strata.Core.Errors;

/// <summary>Stable error codes: part of the public contract of the CLI, REST and MCP.</summary>
public static class ErrorCodes
{
    public const string EntityNotFound = "ENTITY_NOT_FOUND";
    public const string EntityAccessDenied = "ENTITY_ACCESS_DENIED";
    public const string EntityAlreadyMerged = "ENTITY_ALREADY_MERGED";
    public const string SourceNotFound = "SOURCE_NOT_FOUND";
    public const string RunNotFound = "RUN_NOT_FOUND";
    public const string SchemaNotFound = "SCHEMA_NOT_FOUND";
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string FileTooLarge = "FILE_TOO_LARGE";
    public const string EmptyFile = "EMPTY_FILE";
    public const string MalformedContent = "MALFORMED_CONTENT";
    public const string StorageQuotaExceeded = "STORAGE_QUOTA_EXCEEDED";
    public const string InterpretationQuotaExceeded = "INTERPRETATION_QUOTA_EXCEEDED";
    public const string DuplicateNotFound = "DUPLICATE_NOT_FOUND";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Conflict = "CONFLICT";
    public const string InternalError = "INTERNAL_ERROR";

    /// <summary>The blob store refused the bytes and the bytes already waiting for it reach their cap: retry later.</summary>
    public const string BlobStoreUnavailable = "BLOB_STORE_UNAVAILABLE";
}
