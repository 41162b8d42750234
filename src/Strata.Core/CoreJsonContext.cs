using System.Text.Json;
using System.Text.Json.Serialization;

namespace Strata.Core;

/// <summary>Source-generated metadata for the small values the core serialises itself.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(JsonElement[]))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<MemoryServer.MemoryEntity>))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
