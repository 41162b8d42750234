using System.Text.Json.Serialization;
using Strata.Core.MemoryServer;

namespace Strata.Server.Mcp.MemoryServer;

/// <summary>The reference memory server's wire shapes (camelCase names, carried by the records themselves).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(List<MemoryEntity>))]
[JsonSerializable(typeof(List<MemoryRelation>))]
[JsonSerializable(typeof(List<MemoryObservationAddition>))]
[JsonSerializable(typeof(List<MemoryAddedObservations>))]
[JsonSerializable(typeof(List<MemoryObservationDeletion>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(MemoryGraph))]
[JsonSerializable(typeof(MemoryDeletion))]
[JsonSerializable(typeof(string))]
internal sealed partial class MemoryServerJson : JsonSerializerContext;

/// <summary>The structured content of the creating tools: <c>{"entities": [...]}</c> and the like.</summary>
[JsonSerializable(typeof(Dictionary<string, System.Text.Json.JsonElement>))]
internal sealed partial class MemoryServerJsonStructured : JsonSerializerContext;
