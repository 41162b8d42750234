using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Strata.Server.Auth;

/// <summary>The user a request acts as: the owner of the API key or access token it carried, never a field of the request.</summary>
/// <param name="CanWrite">False for a token without the write scope: it may only read.</param>
public sealed record Caller(string UserId, string Name, bool CanWrite = true)
{
    /// <summary>The caller as ASP.NET Core's request user: the MCP transport binds each session to this identity.</summary>
    public ClaimsPrincipal Principal() =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, UserId), new Claim(ClaimTypes.Name, Name)], authenticationType: "Bearer"));
}

public static class CallerExtensions
{
    public static Caller Caller(this HttpContext context) =>
        context.Features.Get<Caller>()
        ?? throw new InvalidOperationException("No authenticated caller: the endpoint is outside the authenticated paths.");
}
