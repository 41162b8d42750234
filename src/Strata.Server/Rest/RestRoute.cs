using Strata.Server.Operations;

namespace Strata.Server.Rest;

/// <summary>A REST endpoint bound to an operation: the operation's declared route, or a retired one kept for old clients.</summary>
public sealed record RestRoute(HttpRoute Http, StrataOperation Operation)
{
    public string Method => Http.Method;

    public string Pattern => Http.Pattern;

    public ArgumentSource Source => Http.Source;

    public IReadOnlyList<string> PathParameters => Http.PathParameters;
}
