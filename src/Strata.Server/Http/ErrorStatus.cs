using Microsoft.AspNetCore.Http;
using Strata.Core.Errors;

namespace Strata.Server.Http;

/// <summary>
/// The HTTP status for each stable error code. The two quotas differ on purpose: the interpretation count clears by itself
/// when the billing month turns, so it is 429 (with Retry-After); stored bytes never reset, so waiting cannot help and the
/// plan refuses the request: 403. Another user's things are never 403: they are *_NOT_FOUND, as if they did not exist.
/// </summary>
public static class ErrorStatus
{
    public static int For(string code) => code switch
    {
        ErrorCodes.ValidationFailed => StatusCodes.Status400BadRequest,
        ErrorCodes.MalformedContent or ErrorCodes.EmptyFile => StatusCodes.Status422UnprocessableEntity,
        ErrorCodes.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorCodes.StorageQuotaExceeded or ErrorCodes.OriginNotAllowed or ErrorCodes.CsrfRefused or ErrorCodes.InsufficientScope => StatusCodes.Status403Forbidden,
        ErrorCodes.InterpretationQuotaExceeded => StatusCodes.Status429TooManyRequests,
        ErrorCodes.DuplicateNotFound => StatusCodes.Status404NotFound,
        ErrorCodes.MergeNotFound => StatusCodes.Status404NotFound,
        ErrorCodes.EntityAlreadyMerged or ErrorCodes.RunNotCancellable or ErrorCodes.Conflict or ErrorCodes.ProjectNameTaken => StatusCodes.Status409Conflict,
        ErrorCodes.FileTooLarge or ErrorCodes.ExportTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorCodes.UnsupportedMediaType => StatusCodes.Status415UnsupportedMediaType,
        ErrorCodes.InternalError => StatusCodes.Status500InternalServerError,
        ErrorCodes.StoreBusy => StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        ErrorCodes.DatabaseUnavailable => StatusCodes.Status503ServiceUnavailable,
        ErrorCodes.BlobStoreUnavailable => StatusCodes.Status503ServiceUnavailable,
        // The server cannot store what it was sent until space is freed: HTTP's own status for it.
        ErrorCodes.StorageFull => StatusCodes.Status507InsufficientStorage,
        // Server configuration, not the request, is missing: 503 tells a client that retrying elsewhere or later may work.
        ErrorCodes.LlmNotConfigured => StatusCodes.Status503ServiceUnavailable,
        // The provider refused the key: the caller's (or the server's) credential for it is wrong, not Strata's own.
        ErrorCodes.LlmAuthFailed => StatusCodes.Status502BadGateway,
        ErrorCodes.LlmCallFailed => StatusCodes.Status502BadGateway,
        // Like the interpretation quota, the monthly budget clears when the billing month turns.
        ErrorCodes.LlmBudgetExceeded => StatusCodes.Status429TooManyRequests,
        ErrorCodes.LlmKeyUnreadable => StatusCodes.Status409Conflict,
        ErrorCodes.SchemaConflict or ErrorCodes.SchemaInUse or ErrorCodes.ReviewStateConflict => StatusCodes.Status409Conflict,
        ErrorCodes.ArchiveConflict or ErrorCodes.ArchiveUserMismatch or ErrorCodes.ArchiveBytesPending => StatusCodes.Status409Conflict,
        ErrorCodes.ArchiveInvalid => StatusCodes.Status422UnprocessableEntity,
        ErrorCodes.DocumentNotIngested => StatusCodes.Status409Conflict,
        ErrorCodes.ExportsNotConfigured => StatusCodes.Status503ServiceUnavailable,
        _ when code.EndsWith("_NOT_FOUND", StringComparison.Ordinal) => StatusCodes.Status404NotFound,
        // A code added later without a mapping is still a refusal of this request, not a server fault.
        _ => StatusCodes.Status400BadRequest,
    };
}
