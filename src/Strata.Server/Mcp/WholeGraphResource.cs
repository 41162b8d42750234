using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Strata.Core;
using Strata.Core.Errors;
using Strata.Core.Operations;

namespace Strata.Server.Mcp;

/// <summary>The user's whole graph as the read-only resource <c>strata://graph</c>: a page of entities and the current
/// relations starting from them (<see cref="Strata.Core.Relations.GraphQueryService.PageAsync"/>), what the reference
/// memory server's read_graph gives, bounded. The next page is <c>strata://graph?cursor=…</c> (the page's <c>next_uri</c>);
/// <c>as_of</c> (ISO 8601) reads the relations that held then.</summary>
internal static class WholeGraphResource
{
    public const string Uri = "strata://graph";
    private const string JsonMimeType = "application/json";

    public static readonly Resource Listed = new()
    {
        Uri = Uri,
        Name = "graph",
        Title = "Whole graph",
        Description = "Your entities and their current relations, 100 entities a page with the relations that start from them "
            + "(at most 5,000); read next_uri for the next page. Add ?as_of=2024-01-01T00:00:00Z for the relations that held then.",
        MimeType = JsonMimeType,
    };

    /// <summary>Whether <paramref name="uri"/> names this resource (a page of it), not an entity's <c>strata://graph/{id}</c>.</summary>
    public static bool Names(string? uri) => uri == Uri || uri?.StartsWith(Uri + "?", StringComparison.Ordinal) == true;

    public static async ValueTask<ReadResourceResult> ReadAsync(StrataServices services, string userId, string uri, CancellationToken cancellationToken)
    {
        var query = QueryHelpers.ParseQuery(uri.Length > Uri.Length ? uri[Uri.Length..] : "");
        var cursor = query.TryGetValue("cursor", out var c) ? c.ToString() : null;
        try
        {
            var asOf = AsOf(query.TryGetValue("as_of", out var a) ? a.ToString() : null);
            var page = await services.Graph.PageAsync(userId, cursor, asOf, cancellationToken);
            if (page.NextCursor is { } next)
            {
                var nextUri = QueryHelpers.AddQueryString(Uri, "cursor", next);
                page = page with { NextUri = asOf is null ? nextUri : QueryHelpers.AddQueryString(nextUri, "as_of", asOf.Value.ToString("O", CultureInfo.InvariantCulture)) };
            }
            return new ReadResourceResult
            {
                Contents = [new TextResourceContents { Uri = uri, MimeType = JsonMimeType, Text = JsonSerializer.Serialize(page, StrataJson.Wire.GraphPage) }],
            };
        }
        catch (StrataException failure)
        {
            throw new McpProtocolException($"{failure.Code}: {failure.Message}", McpErrorCode.InvalidParams);
        }
    }

    private static DateTimeOffset? AsOf(string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at
        : throw StrataException.Validation($"as_of must be an ISO 8601 time, not \"{text}\".");
}
