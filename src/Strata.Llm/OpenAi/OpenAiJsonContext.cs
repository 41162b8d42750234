using System.Text.Json.Serialization;

namespace Strata.Llm.OpenAi;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OpenAiRequest))]
[JsonSerializable(typeof(OpenAiResponse))]
internal sealed partial class OpenAiJsonContext : JsonSerializerContext;
