using System.Text.Json;
using System.Text.Json.Serialization;

namespace Strata.Formats.Chat;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(ChatConversation))]
internal sealed partial class ChatJsonContext : JsonSerializerContext;
