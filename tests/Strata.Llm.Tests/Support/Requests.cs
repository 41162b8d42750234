using System.Text.Json;
using Strata.Core.Llm.Calls;
using Strata.Llm.Calls;

namespace Strata.Llm.Tests.Support;

internal static class Requests
{
    public static readonly JsonElement Schema = JsonDocument.Parse("""
        {"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}
        """).RootElement.Clone();

    public static ExtractionRequest Extract(string user = "Ada Lovelace wrote the first program.", string system = "You extract people.") =>
        new("test-model", system, user, "record_people", Schema, 1024) { Temperature = 0 };
}
