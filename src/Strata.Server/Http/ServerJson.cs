using System.Text.Json.Serialization;
using Strata.Core.Operations;

namespace Strata.Server.Http;

/// <summary>RFC 9457 problem details, extended with Strata's stable error <c>code</c>.</summary>
public sealed record ProblemBody(string Type, string Title, int Status, string Code, string Detail);

/// <summary><c>/health</c>: the core's report (ok, degraded or down; database, blob store, each worker's loops) and the
/// server's version.</summary>
public sealed record HealthBody(string Status, string Version, DateTimeOffset CheckedAt, IReadOnlyList<HealthCheck> Checks);

/// <summary>Wire types the server adds to the core's result records.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(HealthBody))]
public sealed partial class ServerJson : JsonSerializerContext
{
    /// <summary>Written like <see cref="Core.Operations.StrataJson.Wire"/>: quotes in a message stay readable.</summary>
    public static ServerJson Wire { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
