using System.Data.Common;
using Strata.Core.Errors;

namespace Strata.Cli.Output;

/// <summary>What a failure means to a person running the CLI: a stable code and one line, never a stack trace.</summary>
internal static class Failures
{
    public static (string Code, string Message) Describe(Exception failure) => failure switch
    {
        StrataException rejected => (rejected.Code, rejected.Message),
        _ when StoreBusy.Is(failure) => (ErrorCodes.StoreBusy, StoreBusy.Error(failure).Message),
        _ when StorageFull.Is(failure) => (ErrorCodes.StorageFull, StorageFull.Error(failure).Message),
        IOException or UnauthorizedAccessException => (ErrorCodes.ValidationFailed, failure.Message),
        DbException database => (ErrorCodes.InternalError, $"The database failed: {database.Message}"),
        _ => (ErrorCodes.InternalError, $"{failure.GetType().Name}: {failure.Message}"),
    };
}
