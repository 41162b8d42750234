using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Strata.Core.Errors;

namespace Strata.Server.Rest;

/// <summary>A request body that must be one JSON object (or nothing at all, for operations whose fields are optional).</summary>
internal static class JsonBody
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static async Task<JsonElement?> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Look without consuming: an empty body is "no fields", which needs no Content-Type.
        var peek = await request.BodyReader.ReadAsync(cancellationToken);
        var empty = peek.IsCompleted && peek.Buffer.IsEmpty;
        request.BodyReader.AdvanceTo(peek.Buffer.Start);
        if (empty) return null;

        if (!request.HasJsonContentType())
        {
            throw new StrataException(ErrorCodes.UnsupportedMediaType,
                $"Send the body as JSON with 'Content-Type: application/json' (got '{request.ContentType ?? "none"}').");
        }
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, Options, cancellationToken);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? WithReadableNames(document.RootElement).Clone()
                : throw StrataException.Validation("The body must be a JSON object of named fields.");
        }
        catch (JsonException failure)
        {
            throw StrataException.Malformed($"The body is not valid JSON: {failure.Message}");
        }
    }

    // Field names are read to match parameters; one that is not Unicode text would otherwise fail as a server error.
    private static JsonElement WithReadableNames(JsonElement body)
    {
        foreach (var property in body.EnumerateObject())
        {
            try
            {
                _ = property.Name;
            }
            catch (InvalidOperationException)
            {
                throw StrataException.Validation("A field name in the body is not valid Unicode (a lone surrogate such as \\ud800, or bytes that are not UTF-8).");
            }
        }
        return body;
    }
}
