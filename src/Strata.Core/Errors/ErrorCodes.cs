namespace Strata.Core.Errors;

/// <summary>Stable error codes: part of the public contract of the CLI, REST and MCP.</summary>
public static class ErrorCodes
{
    public const string EntityNotFound = "ENTITY_NOT_FOUND";
    public const string EntityAlreadyMerged = "ENTITY_ALREADY_MERGED";
    public const string SourceNotFound = "SOURCE_NOT_FOUND";
    public const string RunNotFound = "RUN_NOT_FOUND";

    /// <summary><c>cancel_run</c> on a run that has already finished (completed, failed or cancelled): nothing changes.</summary>
    public const string RunNotCancellable = "RUN_NOT_CANCELLABLE";

    public const string ImportNotFound = "IMPORT_NOT_FOUND";

    /// <summary>An observation id that is not the caller's (another user's answers the same).</summary>
    public const string ObservationNotFound = "OBSERVATION_NOT_FOUND";
    public const string SchemaNotFound = "SCHEMA_NOT_FOUND";
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string FileTooLarge = "FILE_TOO_LARGE";
    public const string EmptyFile = "EMPTY_FILE";
    public const string MalformedContent = "MALFORMED_CONTENT";
    public const string StorageQuotaExceeded = "STORAGE_QUOTA_EXCEEDED";

    /// <summary>The disk (or the file-size limit) of the database, the blob store or the upload spool is full: nothing of
    /// the refused write was kept; reads keep working. Free space and retry.</summary>
    public const string StorageFull = "STORAGE_FULL";
    public const string InterpretationQuotaExceeded = "INTERPRETATION_QUOTA_EXCEEDED";
    public const string DuplicateNotFound = "DUPLICATE_NOT_FOUND";

    /// <summary>No merge with that id (another user's merge answers the same).</summary>
    public const string MergeNotFound = "MERGE_NOT_FOUND";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Conflict = "CONFLICT";
    public const string InternalError = "INTERNAL_ERROR";

    /// <summary>The database is busy with another writer beyond the wait allowed; nothing was changed. Retry shortly.</summary>
    public const string StoreBusy = "STORE_BUSY";
    public const string UserNotFound = "USER_NOT_FOUND";
    public const string ApiKeyNotFound = "API_KEY_NOT_FOUND";
    public const string InvalidArguments = "INVALID_ARGUMENTS";

    /// <summary>No endpoint at this path (an HTTP refusal: the CLI and MCP never answer it).</summary>
    public const string RouteNotFound = "ROUTE_NOT_FOUND";

    /// <summary>The path exists but not with this HTTP method.</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    /// <summary>A browser page from a foreign origin called /mcp (DNS-rebinding protection).</summary>
    public const string OriginNotAllowed = "ORIGIN_NOT_ALLOWED";

    /// <summary>A write of the web page without its session's CSRF token, or sent from another site.</summary>
    public const string CsrfRefused = "CSRF_REFUSED";
    /// <summary>An OAuth token lacks the scope the request needs (a read-only token asked to write).</summary>
    public const string InsufficientScope = "INSUFFICIENT_SCOPE";

    /// <summary>The configured database cannot be opened (unreachable, refused the credentials, unreadable file).</summary>
    public const string DatabaseUnavailable = "DATABASE_UNAVAILABLE";

    /// <summary><c>strata serve</c> cannot listen where it was told to (the address is in use or not allowed).</summary>
    public const string ListenFailed = "LISTEN_FAILED";

    /// <summary>The blob store refused the bytes and the bytes already waiting for it reach their cap: retry later.</summary>
    public const string BlobStoreUnavailable = "BLOB_STORE_UNAVAILABLE";

    /// <summary>An LLM run was asked for but no model or provider is configured (the message says how to configure one).</summary>
    public const string LlmNotConfigured = "LLM_NOT_CONFIGURED";

    /// <summary>The provider refused the key (401/403): the run fails at once, without retries.</summary>
    public const string LlmAuthFailed = "LLM_AUTH_FAILED";

    /// <summary>A model call gave no usable answer after its retries (kept with its raw output on the run item).</summary>
    public const string LlmCallFailed = "LLM_CALL_FAILED";

    /// <summary>The monthly LLM budget would be passed: refused before the call is made.</summary>
    public const string LlmBudgetExceeded = "LLM_BUDGET_EXCEEDED";

    /// <summary>The user has stored no key for that provider (<c>keys remove</c>).</summary>
    public const string LlmKeyNotFound = "LLM_KEY_NOT_FOUND";

    /// <summary>A stored provider key no longer decrypts (server key changed): set it again.</summary>
    public const string LlmKeyUnreadable = "LLM_KEY_UNREADABLE";

    /// <summary>No project with that id or name (another user's answers the same).</summary>
    public const string ProjectNotFound = "PROJECT_NOT_FOUND";

    /// <summary>The user already has a project of that name (names are unique per user): 409.</summary>
    public const string ProjectNameTaken = "PROJECT_NAME_TAKEN";

    /// <summary>No document with that id (another user's answers the same).</summary>
    public const string DocumentNotFound = "DOCUMENT_NOT_FOUND";

    /// <summary>No block with that block_uid (another user's answers the same).</summary>
    public const string BlockNotFound = "BLOCK_NOT_FOUND";

    /// <summary>A block schema with this ref exists with another definition (register it as a new version, or choose another ref).</summary>
    public const string SchemaConflict = "SCHEMA_CONFLICT";

    /// <summary>Runs still use the block schema: delete them first, or delete with force.</summary>
    public const string SchemaInUse = "SCHEMA_IN_USE";

    /// <summary>No block value at that run and index (another user's answers the same).</summary>
    public const string BlockValueNotFound = "BLOCK_VALUE_NOT_FOUND";

    /// <summary>A review step asked of a block in a state that does not allow it (confirm a failed block, reject a confirmed one).</summary>
    public const string ReviewStateConflict = "REVIEW_STATE_CONFLICT";

    /// <summary>No bulk change with that id (another user's answers the same).</summary>
    public const string BulkChangeNotFound = "BULK_CHANGE_NOT_FOUND";

    /// <summary>A portable archive that is not whole: a checksum, size or row count differs from its manifest, an entry is
    /// missing or unreadable, or it was made by another format version. Nothing was written.</summary>
    public const string ArchiveInvalid = "ARCHIVE_INVALID";

    /// <summary>An archive import with <c>--on-conflict fail</c> met a row the store already has. Nothing was written.</summary>
    public const string ArchiveConflict = "ARCHIVE_CONFLICT";

    /// <summary>An archive belongs to another user name: it loads only for the user of the same name (ids derive from it).</summary>
    public const string ArchiveUserMismatch = "ARCHIVE_USER_MISMATCH";

    /// <summary>An export found a source whose bytes are not in the blob store yet (an upload still pending).</summary>
    public const string ArchiveBytesPending = "ARCHIVE_BYTES_PENDING";
    /// <summary>This host was built without the export writers (CSV, Parquet, JSONL): nothing can be exported from it.</summary>
    public const string ExportsNotConfigured = "EXPORTS_NOT_CONFIGURED";

    /// <summary>An MCP export link read as a resource is larger than one MCP message may carry: download it streamed over REST.</summary>
    public const string ExportTooLarge = "EXPORT_TOO_LARGE";

    /// <summary>An MCP resource URI under strata://exports/ that is not an export link.</summary>
    public const string ExportNotFound = "EXPORT_NOT_FOUND";

    /// <summary>The document is not converted into blocks yet (or its conversion failed), so it has nothing to export.</summary>
    public const string DocumentNotIngested = "DOCUMENT_NOT_INGESTED";

    /// <summary>No webhook with this id among the caller's (another user's answers the same).</summary>
    public const string WebhookNotFound = "WEBHOOK_NOT_FOUND";

    /// <summary>A webhook URL whose host resolves to a loopback, private, link-local, metadata or other non-public address.</summary>
    public const string WebhookAddressRefused = "WEBHOOK_ADDRESS_REFUSED";
}
