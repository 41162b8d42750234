using System.Text.Json.Serialization;
using System.Text.Json;

namespace Strata.Formats.Chat;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;
