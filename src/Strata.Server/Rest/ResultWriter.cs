using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Strata.Server.Operations;

namespace Strata.Server.Rest;

/// <summary>Writes a result record exactly as the CLI prints it with <c>--json</c>.</summary>
internal static class ResultWriter
{
    public static async Task WriteAsync(HttpContext context, OperationResult result, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, result.Value, result.TypeInfo, context.RequestAborted);
    }
}
