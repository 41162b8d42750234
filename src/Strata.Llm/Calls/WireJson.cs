using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Strata.Core.Llm.Calls;
using Strata.Llm.Resilience;

namespace Strata.Llm.Calls;

/// <summary>Reads a 2xx body as the wire format; a body that is not (an HTML error page from a proxy, a cut
/// stream) becomes a <see cref="LlmFailureKind.MalformedResponse"/> failure that keeps the body.</summary>
internal static class WireJson
{
    public static T Deserialize<T>(HttpAnswer answer, JsonTypeInfo<T> type) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(answer.Body, type)
                ?? throw Malformed(answer, null);
        }
        catch (JsonException e)
        {
            throw Malformed(answer, e);
        }
    }

    private static LlmCallException Malformed(HttpAnswer answer, Exception? inner) => new(
        LlmFailureKind.MalformedResponse,
        "The provider answered 2xx with a body that is not its wire format.",
        200, answer.Body, answer.Retries, inner);
}
