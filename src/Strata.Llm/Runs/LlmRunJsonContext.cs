using System.Text.Json;
using System.Text.Json.Serialization;

namespace Strata.Llm.Runs;

[JsonSerializable(typeof(List<JsonElement>))]
internal sealed partial class LlmRunJsonContext : JsonSerializerContext;
