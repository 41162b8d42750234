using Microsoft.AspNetCore.Http;

namespace Strata.Server.Auth;

/// <summary>The user a request acts as: the owner of the API key it carried, never a field of the request.</summary>
public sealed record Caller(string UserId, string Name);

public static class CallerExtensions
{
    public static Caller Caller(this HttpContext context) =>
        context.Features.Get<Caller>()
        ?? throw new InvalidOperationException("No authenticated caller: the endpoint is outside the authenticated paths.");
}
