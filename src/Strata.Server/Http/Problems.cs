using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Strata.Server.Http;

/// <summary>Writes an error as <c>application/problem+json</c> carrying the stable code.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static async Task WriteAsync(HttpContext context, string code, string detail)
    {
        var status = ErrorStatus.For(code);
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        var body = new ProblemBody("about:blank", ReasonPhrases.GetReasonPhrase(status), status, code, detail);
        await JsonSerializer.SerializeAsync(context.Response.Body, body, ServerJson.Wire.ProblemBody, context.RequestAborted);
    }
}
