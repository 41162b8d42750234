using System.Text.Json.Serialization;

namespace Strata.Llm.Anthropic;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AnthropicRequest))]
[JsonSerializable(typeof(AnthropicResponse))]
internal sealed partial class AnthropicJsonContext : JsonSerializerContext;
