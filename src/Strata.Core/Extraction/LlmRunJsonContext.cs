using System.Text.Json;
using System.Text.Json.Serialization;

namespace Strata.Core.Extraction;

[JsonSerializable(typeof(List<JsonElement>))]
internal sealed partial class LlmRunJsonContext : JsonSerializerContext;
